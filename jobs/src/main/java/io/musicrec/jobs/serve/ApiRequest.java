package io.musicrec.jobs.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One API call: method, decoded path segments below {@code /api/}, query parameters, and a body
 * read only up to a limit. Path segments are percent-decoded one by one, so an encoded slash
 * ({@code %2F}) stays inside its segment and can never make a new path.
 */
final class ApiRequest {
  private final HttpExchange exchange;
  private final long bodyDeadlineNanos;
  private final int bodyTimeoutS;
  private final List<String> segments;
  private final Map<String, List<String>> params;

  /** {@code bodyTimeoutS}: the whole body must arrive within this many seconds of the headers. */
  ApiRequest(HttpExchange exchange, int bodyTimeoutS) {
    this.exchange = exchange;
    this.bodyTimeoutS = bodyTimeoutS;
    this.bodyDeadlineNanos = System.nanoTime() + bodyTimeoutS * 1_000_000_000L;
    this.segments = segments(exchange.getRequestURI().getRawPath());
    this.params = params(exchange.getRequestURI().getRawQuery());
  }

  HttpExchange exchange() {
    return exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  /** Path segments after {@code /api/}: {@code /api/tracks/a%2Fb/similar} is [tracks, a/b, similar]. */
  List<String> segments() {
    return segments;
  }

  Map<String, List<String>> params() {
    return params;
  }

  String param(String name, String fallback) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
  }

  int intParam(String name, int fallback, int min, int max) {
    String text = param(name, null);
    if (text == null || text.isBlank()) return fallback;
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) throw ApiError.badRequest("'" + name + "' must be " + min + ".." + max + ", got " + value);
      return value;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("'" + name + "' must be a whole number, got '" + text + "'");
    }
  }

  /** Refuses parameters the endpoint does not know, so a typo is an error rather than ignored. */
  void allowParams(Set<String> allowed) {
    for (String name : params.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiError.badRequest("unknown parameter '" + name + "'; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The whole body, refused with 413 when it is longer than {@code limit} bytes. */
  byte[] body(long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copyBody(out, limit);
    return out.toByteArray();
  }

  /** Streams the body into {@code file}, refused with 413 when longer than {@code limit} bytes. */
  long bodyTo(Path file, long limit) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      return copyBody(out, limit);
    }
  }

  private long copyBody(OutputStream out, long limit) throws IOException {
    String declared = header("Content-Length");
    long declaredLength = -1;
    if (declared != null) {
      try {
        declaredLength = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("Content-Length '" + declared + "' is not a number");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      if (declaredLength > limit) {
        discardRest(in, limit);
        throw tooLarge(limit);
      }
      // Chunked or lying clients: count what actually arrives.
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = read(in, buffer)) > 0; ) {
        total += n;
        if (total > limit) {
          discardRest(in, limit);
          throw tooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
      return total;
    }
  }

  /**
   * One read of the body. A client that trickles its body holds a request thread, so the whole body
   * has a deadline (a stalled one is also cut off by the connection's idle timeout).
   */
  private int read(InputStream in, byte[] buffer) throws IOException {
    if (System.nanoTime() - bodyDeadlineNanos > 0) {
      exchange.getResponseHeaders().set("Connection", "close");
      throw new ApiError(408, "request_timeout", "the request body did not arrive within " + bodyTimeoutS + " s");
    }
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw new ClientGone("client stopped sending its request body", e);
    }
  }

  /**
   * Reads and drops what is left of an oversized body (up to a few times the limit) before the
   * 413 goes out: closing a socket with unread bytes makes TCP reset the connection, and the
   * client would see "connection reset" instead of the reason.
   */
  private void discardRest(InputStream in, long limit) throws IOException {
    long budget = Math.max(4 * limit, 16L << 20);
    byte[] buffer = new byte[64 * 1024];
    for (int n; budget > 0 && (n = read(in, buffer)) > 0; ) budget -= n;
  }

  private static ApiError tooLarge(long limit) {
    return new ApiError(413, "too_large", "request body is larger than the limit of " + limit + " bytes");
  }

  private static List<String> segments(String rawPath) {
    String rest = rawPath.startsWith("/api/") ? rawPath.substring("/api/".length()) : "";
    List<String> out = new ArrayList<>();
    for (String raw : rest.split("/", -1)) out.add(decode(raw));
    if (out.size() > 1 && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1); // trailing slash
    return List.copyOf(out);
  }

  private static Map<String, List<String>> params(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return out;
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("malformed percent-encoding in the query string");
      }
    }
    return out;
  }

  /** Percent-decoding for a path segment: unlike a query, '+' is a plus here. */
  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("malformed percent-encoding in the path");
    }
  }
}
