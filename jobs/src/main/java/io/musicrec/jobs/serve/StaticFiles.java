package io.musicrec.jobs.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page: a fixed set of classpath resources under {@code web/}, looked up by exact request
 * path. Nothing from the request is used to build a resource name.
 */
final class StaticFiles implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StaticFiles.class);
  private record Asset(String type, byte[] bytes) {}

  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private final Map<String, Asset> assets = Map.of(
      "/", load("index.html", "text/html; charset=utf-8"),
      "/index.html", load("index.html", "text/html; charset=utf-8"),
      "/app.js", load("app.js", "text/javascript; charset=utf-8"),
      "/style.css", load("style.css", "text/css; charset=utf-8"),
      "/favicon.svg", load("favicon.svg", "image/svg+xml"));

  @Override
  public void handle(HttpExchange exchange) {
    try {
      String method = exchange.getRequestMethod();
      Asset asset = assets.get(exchange.getRequestURI().getRawPath());
      var headers = exchange.getResponseHeaders();
      headers.set("X-Content-Type-Options", "nosniff");
      if (asset == null) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8), method);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        headers.set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8), method);
      } else {
        headers.set("Content-Security-Policy", CSP);
        headers.set("Cache-Control", "no-cache");
        send(exchange, 200, asset.type(), asset.bytes(), method);
      }
    } catch (IOException e) {
      LOG.info("{} {}: client left before the page was sent: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString());
    } finally {
      try {
        exchange.close();
      } catch (RuntimeException e) {
        LOG.debug("closing {}: {}", exchange.getRequestURI().getRawPath(), e.toString());
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body, String method) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Asset load(String name, String type) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
      if (in == null) throw new IllegalStateException("web asset missing from the jar: web/" + name);
      return new Asset(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
