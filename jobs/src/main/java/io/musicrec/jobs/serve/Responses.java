package io.musicrec.jobs.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers and errors with the headers every API response carries. */
final class Responses {
  static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    try {
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new ClientGone("client left before its " + status + " answer was sent", e);
    }
  }

  /** {@code {"error": message, "reason": reason}} with the error's status. */
  static void error(HttpExchange exchange, ApiError error) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.getMessage());
    body.put("reason", error.reason());
    if (error instanceof ByteRange.RangeNotSatisfiable r) {
      exchange.getResponseHeaders().set("Content-Range", "bytes */" + r.fileLength);
    }
    if (error.status() == 413) {
      // The rest of an oversized body is never read, so the connection cannot carry another request.
      exchange.getResponseHeaders().set("Connection", "close");
    }
    json(exchange, error.status(), body);
  }
}
