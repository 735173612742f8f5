package io.musicrec.jobs.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.musicrec.discover.Diversity;
import io.musicrec.model.ModelSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API under {@code /api/} (documented in docs/serve-api.md): routes each call to its
 * endpoint and turns failures into JSON errors. Client mistakes are 4xx with a reason; a store
 * that cannot answer is 503; anything else is a logged 500 whose body reveals nothing internal.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final int MAX_K = 100;
  private static final long MAX_JSON_BYTES = 1 << 20;
  private static final Set<String> RECOMMEND_KEYS = Set.of(
      "like", "dislike", "strategy", "filter", "k", "diversity", "max_per_artist", "collapse_duplicates");

  private interface Endpoint {
    void handle(ApiRequest request, List<String> captured) throws IOException;
  }

  /** A method and a path pattern whose {@code {}} segments capture one decoded segment each. */
  private record Route(String method, List<String> pattern, Endpoint endpoint) {
    List<String> match(List<String> segments) {
      if (segments.size() != pattern.size()) return null;
      List<String> captured = new ArrayList<>();
      for (int i = 0; i < pattern.size(); i++) {
        if (pattern.get(i).equals("{}")) {
          if (segments.get(i).isEmpty()) return null;
          captured.add(segments.get(i));
        } else if (!pattern.get(i).equals(segments.get(i))) {
          return null;
        }
      }
      return captured;
    }
  }

  private final Discovery discovery;
  private final AudioEndpoint audio;
  private final ModelSpec model;
  private final String collection;
  private final ServeOptions options;
  private final Semaphore uploadSlots;
  private final List<Route> routes = new ArrayList<>();

  ApiHandler(Discovery discovery, AudioEndpoint audio, ModelSpec model, String collection, ServeOptions options) {
    this.discovery = discovery;
    this.audio = audio;
    this.model = model;
    this.collection = collection;
    this.options = options;
    this.uploadSlots = new Semaphore(options.maxConcurrentUploads(), true);
    route("GET", "health", (r, c) -> health(r));
    route("GET", "facets", (r, c) -> facets(r));
    route("POST", "catalogue/refresh", (r, c) -> refresh(r));
    route("GET", "tracks", (r, c) -> tracks(r));
    route("GET", "tracks/{}", (r, c) -> track(r, c.get(0)));
    route("GET", "tracks/{}/similar", (r, c) -> similar(r, c.get(0)));
    route("POST", "recommend", (r, c) -> recommend(r));
    route("POST", "search", (r, c) -> search(r));
    route("GET", "audio/{}", (r, c) -> audio.serve(r, c.get(0)));
    route("HEAD", "audio/{}", (r, c) -> audio.serve(r, c.get(0)));
  }

  private void route(String method, String pattern, Endpoint endpoint) {
    routes.add(new Route(method, List.of(pattern.split("/")), endpoint));
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      dispatch(new ApiRequest(exchange, options.requestTimeoutS()));
    } catch (ClientGone e) {
      LOG.info("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.getMessage());
    } catch (ApiError e) {
      respondWithError(exchange, e);
    } catch (StoreException e) {
      LOG.warn("store failed on {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.getMessage());
      respondWithError(exchange, new ApiError(503, "store_unavailable", "the index cannot answer: " + e.getMessage()));
    } catch (Exception e) {
      LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      respondWithError(exchange, new ApiError(500, "internal", "internal error; the server log has the details"));
    } finally {
      closeQuietly(exchange);
    }
  }

  /** Closing flushes the answer; if the client has gone, that was already logged (or never mattered). */
  private static void closeQuietly(HttpExchange exchange) {
    try {
      exchange.close();
    } catch (RuntimeException e) {
      LOG.debug("closing {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString());
    }
  }

  private void dispatch(ApiRequest request) throws IOException {
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      List<String> captured = route.match(request.segments());
      if (captured == null) continue;
      if (route.method().equals(request.method())) {
        route.endpoint().handle(request, captured);
        return;
      }
      allowed.add(route.method());
    }
    if (allowed.isEmpty()) throw ApiError.notFound("no such endpoint: " + request.exchange().getRequestURI().getRawPath());
    request.exchange().getResponseHeaders().set("Allow", String.join(", ", allowed));
    throw new ApiError(405, "method_not_allowed", request.method() + " is not allowed here; use " + String.join(" or ", allowed));
  }

  /**
   * Errors after the response has started (a broken audio stream) can only end the exchange. (No
   * status yet reads -1 on the JDK server, 0 on Jetty's.)
   */
  private static void respondWithError(HttpExchange exchange, ApiError error) {
    if (exchange.getResponseCode() > 0) return;
    try {
      Responses.error(exchange, error);
    } catch (IOException e) {
      LOG.info("{} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.getMessage());
    }
  }

  // ---- endpoints ----

  private void health(ApiRequest request) throws IOException {
    request.allowParams(Set.of());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("collection", collection);
    body.put("points", discovery.storeCount());
    body.put("catalogue", discovery.catalogue().size());
    body.put("model", model.name() + "@" + model.version());
    body.put("max_upload_bytes", options.maxUploadBytes());
    Responses.json(request.exchange(), 200, body);
  }

  private void facets(ApiRequest request) throws IOException {
    request.allowParams(Set.of());
    Responses.json(request.exchange(), 200, discovery.catalogue().facets());
  }

  private void refresh(ApiRequest request) throws IOException {
    request.allowParams(Set.of());
    Catalogue fresh = discovery.refresh();
    Responses.json(request.exchange(), 200, Map.of("tracks", fresh.size()));
  }

  private void tracks(ApiRequest request) throws IOException {
    request.allowParams(withFilterFields("q", "limit"));
    List<Track> tracks = discovery.catalogue().find(
        request.param("q", ""), RequestFilters.fromQuery(request.params()), request.intParam("limit", 50, 1, 1000));
    Responses.json(request.exchange(), 200, Map.of("tracks", tracks));
  }

  private void track(ApiRequest request, String id) throws IOException {
    request.allowParams(Set.of());
    Responses.json(request.exchange(), 200, discovery.track(id));
  }

  private void similar(ApiRequest request, String id) throws IOException {
    request.allowParams(withFilterFields("k", "diversity", "max_per_artist", "collapse_duplicates"));
    List<Result> results = discovery.similar(id, k(request), RequestFilters.fromQuery(request.params()), diversity(request));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("track", discovery.track(id));
    body.put("results", results);
    Responses.json(request.exchange(), 200, body);
  }

  private void recommend(ApiRequest request) throws IOException {
    request.allowParams(Set.of());
    JsonNode body = jsonBody(request);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!RECOMMEND_KEYS.contains(name)) {
        throw ApiError.badRequest("unknown field '" + name + "'; allowed: " + String.join(", ", RECOMMEND_KEYS.stream().sorted().toList()));
      }
    }
    List<String> like = RequestFilters.strings(body.get("like"), "like");
    List<String> dislike = RequestFilters.strings(body.get("dislike"), "dislike");
    Filter filter = RequestFilters.fromJson(body.get("filter"));
    int k = body.has("k") ? k(body.get("k")) : 10;
    Recommendation recommendation;
    try {
      RecommendStrategy strategy = body.hasNonNull("strategy")
          ? RecommendStrategy.parse(body.get("strategy").asText()) : RecommendStrategy.AVERAGE_VECTOR;
      recommendation = new Recommendation(like, dislike, strategy, filter, k);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
    Diversity diversity = diversity(body.has("diversity") ? number(body.get("diversity"), "diversity") : null,
        body.has("max_per_artist") ? wholeNumber(body.get("max_per_artist"), "max_per_artist") : null,
        body.has("collapse_duplicates") && bool(body.get("collapse_duplicates"), "collapse_duplicates"));
    Responses.json(request.exchange(), 200, Map.of("results", discovery.recommend(recommendation, diversity)));
  }

  private void search(ApiRequest request) throws IOException {
    request.allowParams(withFilterFields("k", "name", "diversity", "max_per_artist", "collapse_duplicates"));
    String type = request.header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      throw new ApiError(415, "multipart_not_supported",
          "send the audio file itself as the request body (e.g. curl --data-binary @song.mp3), not a multipart form");
    }
    int k = k(request);
    Filter filter = RequestFilters.fromQuery(request.params());
    Diversity diversity = diversity(request);
    String name = request.param("name", "upload");
    Path upload = Files.createTempFile("musicrec-upload-", ".audio");
    try {
      request.bodyTo(upload, options.maxUploadBytes());
      acquireUploadSlot();
      List<Result> results;
      try {
        results = discovery.searchByAudio(upload, name, k, filter, diversity);
      } finally {
        uploadSlots.release();
      }
      Responses.json(request.exchange(), 200, Map.of("results", results));
    } finally {
      Files.deleteIfExists(upload);
    }
  }

  // ---- helpers ----

  /** Decoding is CPU-heavy: a burst of uploads waits its turn briefly, then is told to retry. */
  private void acquireUploadSlot() {
    try {
      if (!uploadSlots.tryAcquire(options.uploadTimeoutS(), TimeUnit.SECONDS)) {
        throw new ApiError(503, "busy", "too many uploads are being analysed; try again shortly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "busy", "the server is shutting down");
    }
  }

  private static JsonNode jsonBody(ApiRequest request) throws IOException {
    byte[] bytes = request.body(MAX_JSON_BYTES);
    if (bytes.length == 0) throw ApiError.badRequest("expected a JSON object in the request body");
    try {
      JsonNode node = Responses.JSON.readTree(bytes);
      if (node == null || !node.isObject()) throw ApiError.badRequest("expected a JSON object in the request body");
      return node;
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static int k(ApiRequest request) {
    return request.intParam("k", 10, 1, MAX_K);
  }

  private static int k(JsonNode node) {
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > MAX_K) {
      throw ApiError.badRequest("'k' must be a whole number 1.." + MAX_K + ", got " + node);
    }
    return node.asInt();
  }

  /** {@code diversity} (0..1) and {@code max_per_artist} (0 = no cap) from the query string. */
  private static Diversity diversity(ApiRequest request) {
    String text = request.param("diversity", null);
    Double d = null;
    if (text != null && !text.isBlank()) {
      try {
        d = Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("'diversity' must be a number 0..1, got '" + text + "'");
      }
    }
    String collapse = request.param("collapse_duplicates", "false").trim();
    if (!collapse.equals("true") && !collapse.equals("false")) {
      throw ApiError.badRequest("'collapse_duplicates' must be true or false, got '" + collapse + "'");
    }
    return diversity(d, request.intParam("max_per_artist", 0, 0, MAX_K), collapse.equals("true"));
  }

  private static boolean bool(JsonNode node, String name) {
    if (!node.isBoolean()) throw ApiError.badRequest("'" + name + "' must be true or false, got " + node);
    return node.asBoolean();
  }

  private static Diversity diversity(Double diversity, Integer maxPerArtist, boolean collapseDuplicates) {
    try {
      return new Diversity(diversity == null ? 0 : diversity, maxPerArtist == null ? 0 : maxPerArtist, collapseDuplicates);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage().replace("max-per-artist", "'max_per_artist'").replace("diversity must", "'diversity' must"));
    }
  }

  private static double number(JsonNode node, String name) {
    if (!node.isNumber()) throw ApiError.badRequest("'" + name + "' must be a number, got " + node);
    return node.asDouble();
  }

  private static int wholeNumber(JsonNode node, String name) {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) throw ApiError.badRequest("'" + name + "' must be a whole number, got " + node);
    return node.asInt();
  }

  private static Set<String> withFilterFields(String... names) {
    Set<String> allowed = new LinkedHashSet<>(List.of(names));
    allowed.addAll(RequestFilters.FIELDS);
    return allowed;
  }
}
