package io.musicrec.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the server under test: raw paths go out exactly as written. */
final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpRequest.Builder request(String rawPath) {
    return HttpRequest.newBuilder(base.resolve(rawPath));
  }

  HttpResponse<byte[]> get(String rawPath) {
    return send(request(rawPath).GET());
  }

  HttpResponse<byte[]> post(String rawPath, byte[] body, String contentType) {
    return send(request(rawPath).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  HttpResponse<byte[]> postJson(String rawPath, String json) {
    return post(rawPath, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (status " + response.statusCode() + "): " + new String(response.body()), e);
    }
  }
}
