package io.musicrec.jobs.serve;

import static io.musicrec.jobs.serve.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.testing.audio.TestAudio;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API, end to end: a real {@link MusicServer} on a free port over an index the real index
 * job built from the generated corpus, called with {@link java.net.http.HttpClient}. Subclasses
 * run the same contract on each store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServeApiContract {
  static final long UPLOAD_LIMIT = 1 << 20;

  @TempDir Path tmp;
  IndexedCorpus indexed;
  MusicServer server;
  ApiClient api;

  /** The config the server under test runs with. */
  abstract MusicrecConfig config(IndexedCorpus indexed);

  @BeforeAll
  void start() {
    indexed = IndexedCorpus.get();
    server = MusicServer.start(config(indexed), ServeOptions.onPort(0).withMaxUploadBytes(UPLOAD_LIMIT));
    api = new ApiClient(server.uri());
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  /** A catalogue track with subgenres whose artist has another track in the corpus. */
  CorpusManifest.Track trackWithSibling() {
    return indexed.manifest().catalog().stream()
        .filter(t -> indexed.sibling(t).isPresent() && !t.subgenres().isEmpty())
        .findFirst().orElseThrow();
  }

  // ---- health, facets, catalogue ----

  @Test
  void healthCountsEveryIndexedTrack() {
    HttpResponse<byte[]> response = api.get("/api/health");
    assertEquals(200, response.statusCode());
    JsonNode body = json(response);
    int decodable = indexed.manifest().decodable().size();
    assertEquals("ok", body.get("status").asText());
    assertEquals(decodable, body.get("points").asInt(), "every decodable corpus track is in the index");
    assertEquals(decodable, body.get("catalogue").asInt());
    assertEquals("musicrec", body.get("collection").asText());
    assertTrue(body.get("model").asText().startsWith("logmel@"), body.toString());
  }

  @Test
  void facetsCountGenresAndSubgenresOfTheIndexedTracks() {
    JsonNode body = json(api.get("/api/facets"));
    CorpusManifest manifest = indexed.manifest();
    Map<String, Long> genres = new TreeMap<>();
    Map<String, Long> subgenres = new TreeMap<>();
    for (CorpusManifest.Track t : manifest.catalog()) {
      genres.merge(t.genre(), 1L, Long::sum);
      for (String s : t.subgenres()) subgenres.merge(s, 1L, Long::sum);
    }
    // The track missing from labels.json is indexed too, its genre taken from its folder.
    genres.merge(manifest.defects().missingLabels().genre(), 1L, Long::sum);
    assertEquals(genres, counts(body.get("genres")));
    assertEquals(subgenres, counts(body.get("subgenres")));
    assertEquals(manifest.decodable().size(), body.get("tracks").asInt());
    long previous = Long.MAX_VALUE;
    for (JsonNode g : body.get("genres")) {
      assertTrue(g.get("count").asLong() <= previous, "most common first");
      previous = g.get("count").asLong();
    }
  }

  @Test
  void findsTracksByArtistAndByName() {
    CorpusManifest.Track track = trackWithSibling();
    JsonNode byArtist = json(api.get("/api/tracks?q=" + encode(track.artist().toUpperCase())));
    Set<String> ids = ids(byArtist.get("tracks"));
    assertEquals(Set.of(track.id(), indexed.sibling(track).orElseThrow().id()), ids, "both tracks of " + track.artist());

    JsonNode byName = json(api.get("/api/tracks?q=" + encode(track.name())));
    assertEquals(track.id(), byName.get("tracks").get(0).get("id").asText(), "exact name ranks first");

    JsonNode inGenre = json(api.get("/api/tracks?limit=1000&genre=" + encode(track.genre())));
    assertFalse(inGenre.get("tracks").isEmpty());
    inGenre.get("tracks").forEach(t -> assertEquals(track.genre(), t.get("genre").asText()));

    JsonNode none = json(api.get("/api/tracks?q=no-such-track-anywhere"));
    assertEquals(0, none.get("tracks").size());
    assertEquals(3, json(api.get("/api/tracks?limit=3")).get("tracks").size());
  }

  @Test
  void showsOneTrackWithoutRevealingWhereItsFileLives() {
    CorpusManifest.Track track = trackWithSibling();
    HttpResponse<byte[]> response = api.get("/api/tracks/" + track.id());
    assertEquals(200, response.statusCode());
    JsonNode body = json(response);
    assertEquals(track.name(), body.get("name").asText());
    assertEquals(track.artist(), body.get("artist").asText());
    assertEquals(track.genre(), body.get("genre").asText());
    assertEquals(track.subgenres(), strings(body.get("subgenres")));
    assertEquals("/api/audio/" + track.id(), body.get("audio").asText());
    assertFalse(body.has("url"), "the source location stays on the server");
    assertFalse(new String(response.body(), StandardCharsets.UTF_8).contains(indexed.corpus().root().toString()));
  }

  @Test
  void unknownTracksAndEndpointsAre404() {
    for (String path : List.of("/api/tracks/nope", "/api/tracks/nope/similar", "/api/audio/nope", "/api/nothing-here", "/api/tracks/x/y/z")) {
      HttpResponse<byte[]> response = api.get(path);
      // 404, or 400 from the server itself for a dot-segment path that climbs above the root.
      assertTrue(response.statusCode() == 404 || (response.statusCode() == 400 && path.contains("/../")),
          path + ": " + response.statusCode());
      assertEquals("not_found", json(response).get("reason").asText(), path);
    }
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<byte[]> response = api.send(api.request("/api/tracks").DELETE());
    assertEquals(405, response.statusCode());
    assertEquals("GET", response.headers().firstValue("Allow").orElseThrow());
    assertEquals(405, api.get("/api/recommend").statusCode());
  }

  @Test
  void refreshRereadsTheCatalogue() {
    JsonNode body = json(api.post("/api/catalogue/refresh", new byte[0], "application/json"));
    assertEquals(indexed.manifest().decodable().size(), body.get("tracks").asInt());
  }

  // ---- similar ----

  @Test
  void similarExcludesTheTrackAndHonoursKAndFilters() {
    CorpusManifest.Track track = trackWithSibling();
    JsonNode body = json(api.get("/api/tracks/" + track.id() + "/similar?k=5"));
    assertEquals(track.id(), body.get("track").get("id").asText());
    JsonNode results = body.get("results");
    assertEquals(5, results.size());
    assertFalse(ids(results).contains(track.id()), "the track itself is not its own neighbour");
    assertDescending(results);

    String otherGenre = indexed.manifest().catalog().stream().map(CorpusManifest.Track::genre)
        .filter(g -> !g.equals(track.genre())).findFirst().orElseThrow();
    JsonNode filtered = json(api.get("/api/tracks/" + track.id() + "/similar?k=20&genre=" + encode(otherGenre))).get("results");
    assertFalse(filtered.isEmpty());
    filtered.forEach(r -> assertEquals(otherGenre, r.get("track").get("genre").asText()));

    String subgenre = track.subgenres().get(0);
    JsonNode bySubgenre = json(api.get("/api/tracks/" + track.id() + "/similar?k=20&subgenres=" + encode(subgenre))).get("results");
    bySubgenre.forEach(r -> assertTrue(strings(r.get("track").get("subgenres")).contains(subgenre), r.toString()));
  }

  @Test
  void badParametersAre400() {
    String id = trackWithSibling().id();
    for (String query : List.of("k=0", "k=101", "k=ten", "colour=red", "diversity=2", "diversity=lots", "max_per_artist=-1", "collapse_duplicates=maybe")) {
      HttpResponse<byte[]> response = api.get("/api/tracks/" + id + "/similar?" + query);
      assertEquals(400, response.statusCode(), query);
      assertEquals("bad_request", json(response).get("reason").asText());
    }
  }

  // ---- recommend ----

  @Test
  void recommendsFromLikesWithEveryStrategyAndNeverReturnsTheExamples() {
    CorpusManifest.Track a = trackWithSibling();
    CorpusManifest.Track b = indexed.sibling(a).orElseThrow();
    CorpusManifest.Track disliked = indexed.manifest().catalog().stream()
        .filter(t -> !t.genre().equals(a.genre())).findFirst().orElseThrow();
    for (String strategy : List.of("average_vector", "best_score", "sum_scores")) {
      HttpResponse<byte[]> response = api.postJson("/api/recommend",
          "{\"like\": [\"" + a.id() + "\", \"" + b.id() + "\"], \"dislike\": [\"" + disliked.id() + "\"],"
              + " \"strategy\": \"" + strategy + "\", \"k\": 7}");
      assertEquals(200, response.statusCode(), strategy + ": " + new String(response.body(), StandardCharsets.UTF_8));
      JsonNode results = json(response).get("results");
      assertEquals(7, results.size(), strategy);
      Set<String> ids = ids(results);
      assertFalse(ids.contains(a.id()) || ids.contains(b.id()) || ids.contains(disliked.id()), strategy + ": examples excluded");
      assertDescending(results);
    }
  }

  @Test
  void recommendAppliesGenreAndSubgenreFilters() {
    CorpusManifest.Track a = trackWithSibling();
    String genre = indexed.manifest().catalog().stream().map(CorpusManifest.Track::genre)
        .filter(g -> !g.equals(a.genre())).findFirst().orElseThrow();
    JsonNode results = json(api.postJson("/api/recommend",
        "{\"like\": [\"" + a.id() + "\"], \"filter\": {\"genre\": [\"" + genre + "\"]}}")).get("results");
    assertFalse(results.isEmpty());
    results.forEach(r -> assertEquals(genre, r.get("track").get("genre").asText()));

    String subgenre = a.subgenres().get(0);
    JsonNode bySub = json(api.postJson("/api/recommend",
        "{\"like\": [\"" + a.id() + "\"], \"filter\": {\"subgenres\": [\"" + subgenre + "\"]}, \"k\": 50}")).get("results");
    long expected = indexed.manifest().catalog().stream()
        .filter(t -> t.subgenres().contains(subgenre) && !t.id().equals(a.id())).count();
    assertEquals(expected, bySub.size(), "every other track of the subgenre, nothing else");
  }

  @Test
  void badRecommendRequestsSayWhatIsWrong() {
    String id = trackWithSibling().id();
    Map<String, Integer> cases = Map.of(
        "{\"like\": [\"nope\"]}", 404,
        "{\"like\": []}", 400,
        "{\"like\": [\"" + id + "\"], \"strategy\": \"loudest\"}", 400,
        "{\"like\": [\"" + id + "\"], \"filter\": {\"colour\": [\"red\"]}}", 400,
        "{\"like\": [\"" + id + "\"], \"k\": 0}", 400,
        "{\"like\": [\"" + id + "\"], \"kk\": 3}", 400,
        "{\"like\": 5}", 400,
        "not json", 400,
        "", 400);
    cases.forEach((body, status) -> {
      HttpResponse<byte[]> response = api.postJson("/api/recommend", body);
      assertEquals(status, response.statusCode(), body);
      assertFalse(json(response).get("error").asText().isBlank(), body);
    });
    assertTrue(json(api.postJson("/api/recommend", "{\"like\": [\"nope\"]}")).get("error").asText().contains("nope"));
    for (String diversity : List.of("\"diversity\": \"much\"", "\"diversity\": 1.5", "\"max_per_artist\": 1.5", "\"max_per_artist\": -1")) {
      HttpResponse<byte[]> response = api.postJson("/api/recommend", "{\"like\": [\"" + id + "\"], " + diversity + "}");
      assertEquals(400, response.statusCode(), diversity);
      assertTrue(json(response).get("error").asText().contains(diversity.substring(1, diversity.indexOf('"', 1))), diversity);
    }
  }

  // ---- diversity and reasons ----

  @Test
  void everySimilarResultSaysWhyAndTheArtistCapHolds() {
    CorpusManifest.Track track = trackWithSibling();
    JsonNode plain = json(api.get("/api/tracks/" + track.id() + "/similar?k=10")).get("results");
    assertEquals(10, plain.size());
    for (JsonNode r : plain) {
      JsonNode reason = r.get("reason");
      // The built-in model has no tags: the reason is the closeness to the query track.
      assertEquals("sounds_like", reason.get("kind").asText(), r.toString());
      assertEquals(track.id(), reason.get("track").asText());
      assertEquals(r.get("score").asDouble(), reason.get("similarity").asDouble(), 1e-3);
      assertTrue(reason.get("text").asText().contains(track.name()), reason.toString());
    }
    JsonNode capped = json(api.get("/api/tracks/" + track.id() + "/similar?k=10&max_per_artist=1&diversity=0.3")).get("results");
    assertFalse(capped.isEmpty());
    List<String> artists = new ArrayList<>();
    capped.forEach(r -> artists.add(r.get("track").get("artist").asText()));
    assertEquals(artists.size(), new HashSet<>(artists).size(), "one track per artist: " + artists);
    assertFalse(ids(capped).contains(track.id()));
  }

  @Test
  void everyRecommendationNamesTheLikedTrackItIsClosestTo() {
    CorpusManifest.Track a = trackWithSibling();
    CorpusManifest.Track b = indexed.manifest().catalog().stream()
        .filter(t -> !t.genre().equals(a.genre())).findFirst().orElseThrow();
    JsonNode results = json(api.postJson("/api/recommend",
        "{\"like\": [\"" + a.id() + "\", \"" + b.id() + "\"], \"k\": 8, \"diversity\": 0.5, \"max_per_artist\": 2}")).get("results");
    assertEquals(8, results.size());
    Map<String, Integer> perArtist = new TreeMap<>();
    Set<String> closest = new HashSet<>();
    for (JsonNode r : results) {
      JsonNode reason = r.get("reason");
      assertEquals("closest_like", reason.get("kind").asText(), r.toString());
      assertTrue(Set.of(a.id(), b.id()).contains(reason.get("track").asText()), reason.toString());
      closest.add(reason.get("track").asText());
      perArtist.merge(r.get("track").get("artist").asText(), 1, Integer::sum);
    }
    assertTrue(perArtist.values().stream().allMatch(n -> n <= 2), perArtist.toString());
    assertEquals(Set.of(a.id(), b.id()), closest, "likes of two genres: each explains some results");

    JsonNode best = json(api.postJson("/api/recommend",
        "{\"like\": [\"" + a.id() + "\"], \"dislike\": [\"" + b.id() + "\"], \"strategy\": \"best_score\", \"k\": 5}")).get("results");
    for (JsonNode r : best) {
      JsonNode reason = r.get("reason");
      assertEquals("decided_by", reason.get("kind").asText());
      assertEquals(r.get("score").asDouble() < 0, reason.get("disliked").asBoolean(), r.toString());
    }
  }

  // ---- search by audio ----

  @Test
  void anUploadedCopyOfATrackRanksLikeTheIndexedTrack() throws Exception {
    CorpusManifest.Track track = trackWithSibling();
    byte[] mp3 = Files.readAllBytes(indexed.corpus().file(track.path()));
    HttpResponse<byte[]> response = api.post("/api/search?k=6&name=copy.mp3", mp3, "audio/mpeg");
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    JsonNode results = json(response).get("results");
    assertEquals(6, results.size());
    // Decoded and embedded on the fly with the index's model and clip policy: the same vector.
    assertEquals(track.id(), results.get(0).get("id").asText());
    assertTrue(results.get(0).get("score").asDouble() > 0.999, results.get(0).toString());
    JsonNode neighbours = json(api.get("/api/tracks/" + track.id() + "/similar?k=5")).get("results");
    for (int i = 0; i < 5; i++) {
      assertEquals(neighbours.get(i).get("id").asText(), results.get(i + 1).get("id").asText(), "rank " + (i + 2));
      assertEquals(neighbours.get(i).get("score").asDouble(), results.get(i + 1).get("score").asDouble(), 1e-3);
    }

    String otherGenre = indexed.manifest().catalog().stream().map(CorpusManifest.Track::genre)
        .filter(g -> !g.equals(track.genre())).findFirst().orElseThrow();
    JsonNode filtered = json(api.post("/api/search?k=3&genre=" + encode(otherGenre), mp3, "application/octet-stream")).get("results");
    assertEquals(3, filtered.size());
    filtered.forEach(r -> assertEquals(otherGenre, r.get("track").get("genre").asText()));
  }

  @Test
  void uploadsThatAreNotUsableAudioAreRefusedWithTheReason() throws Exception {
    Path text = TestAudio.text(tmp.resolve("notes.mp3"), "these are liner notes, not a song\n".repeat(20));
    Path noise = TestAudio.randomBytes(tmp.resolve("noise.mp3"), 50_000, 3);
    Path silent = TestAudio.silence(tmp.resolve("silent.wav"), 3, 44100);
    Path shortTone = TestAudio.wav(TestAudio.Tone.of(440, 0.2), tmp.resolve("short.wav"));
    record Case(Path file, int status, String reason) {}
    for (Case c : List.of(
        new Case(text, 415, "not_audio"),
        new Case(noise, 422, "corrupt"),
        new Case(silent, 422, "silent"),
        new Case(shortTone, 422, "too_short"))) {
      HttpResponse<byte[]> response = api.post("/api/search", Files.readAllBytes(c.file()), "application/octet-stream");
      JsonNode body = json(response);
      assertEquals(c.status(), response.statusCode(), c.file() + ": " + body);
      assertEquals(c.reason(), body.get("reason").asText(), c.file().toString());
      assertFalse(body.get("error").asText().isBlank());
    }
    HttpResponse<byte[]> empty = api.post("/api/search", new byte[0], "audio/mpeg");
    assertEquals(400, empty.statusCode());
    assertEquals("empty", json(empty).get("reason").asText());
  }

  @Test
  void uploadsOverTheLimitAre413() {
    HttpResponse<byte[]> response = api.post("/api/search", new byte[(int) UPLOAD_LIMIT + 1], "audio/mpeg");
    assertEquals(413, response.statusCode());
    assertEquals("too_large", json(response).get("reason").asText());
    // Streamed without a declared length: counted as it arrives.
    HttpResponse<byte[]> chunked = api.send(api.request("/api/search").header("Content-Type", "audio/mpeg")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[(int) UPLOAD_LIMIT * 2]))));
    assertEquals(413, chunked.statusCode());
    // The server still answers afterwards.
    assertEquals(200, api.get("/api/health").statusCode());
  }

  @Test
  void multipartUploadsAreRefusedWithHowToSendTheFile() {
    HttpResponse<byte[]> response = api.post("/api/search", "--x\r\n\r\n--x--".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x");
    assertEquals(415, response.statusCode());
    assertTrue(json(response).get("error").asText().contains("--data-binary"));
  }

  // ---- audio ----

  @Test
  void streamsATracksAudioWholeOrByRange() throws Exception {
    CorpusManifest.Track track = trackWithSibling();
    byte[] file = Files.readAllBytes(indexed.corpus().file(track.path()));

    HttpResponse<byte[]> whole = api.get("/api/audio/" + track.id());
    assertEquals(200, whole.statusCode());
    assertEquals("audio/mpeg", whole.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("bytes", whole.headers().firstValue("Accept-Ranges").orElseThrow());
    assertArrayEquals(file, whole.body());

    HttpResponse<byte[]> middle = api.send(api.request("/api/audio/" + track.id()).header("Range", "bytes=1000-1999"));
    assertEquals(206, middle.statusCode());
    assertEquals("bytes 1000-1999/" + file.length, middle.headers().firstValue("Content-Range").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(file, 1000, 2000), middle.body());

    HttpResponse<byte[]> tail = api.send(api.request("/api/audio/" + track.id()).header("Range", "bytes=-100"));
    assertEquals(206, tail.statusCode());
    assertArrayEquals(Arrays.copyOfRange(file, file.length - 100, file.length), tail.body());

    HttpResponse<byte[]> open = api.send(api.request("/api/audio/" + track.id()).header("Range", "bytes=" + (file.length - 10) + "-"));
    assertEquals(206, open.statusCode());
    assertEquals("bytes " + (file.length - 10) + "-" + (file.length - 1) + "/" + file.length,
        open.headers().firstValue("Content-Range").orElseThrow());
    assertArrayEquals(Arrays.copyOfRange(file, file.length - 10, file.length), open.body());

    HttpResponse<byte[]> beyond = api.send(api.request("/api/audio/" + track.id()).header("Range", "bytes=" + file.length + "-"));
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + file.length, beyond.headers().firstValue("Content-Range").orElseThrow());

    HttpResponse<byte[]> head = api.send(api.request("/api/audio/" + track.id()).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    assertEquals(200, head.statusCode());
    assertEquals(Long.toString(file.length), head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(0, head.body().length);
  }

  @Test
  void noRequestPathReachesTheFileSystem() throws Exception {
    String trackPath = indexed.corpus().file(trackWithSibling().path()).toString();
    for (String path : List.of(
        "/api/audio/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/audio/%2Fetc%2Fpasswd",
        "/api/audio/" + encode(trackPath),
        "/api/audio/" + encode("file:" + trackPath),
        "/api/audio/%2e%2e",
        "/api/audio/../../../../etc/passwd",
        "/api/tracks/..%2F..%2Fetc%2Fpasswd",
        "/../../../../etc/passwd",
        "/..%2F..%2F..%2Fetc%2Fpasswd",
        "/web/index.html",
        "/style.css/../../../etc/passwd")) {
      HttpResponse<byte[]> response = api.get(path);
      // 404, or 400 from the server itself for a dot-segment path that climbs above the root.
      assertTrue(response.statusCode() == 404 || (response.statusCode() == 400 && path.contains("/../")),
          path + ": " + response.statusCode());
      String body = new String(response.body(), StandardCharsets.UTF_8);
      assertFalse(body.contains("root:"), path);
      assertFalse(body.contains("ID3"), path);
    }
  }

  // ---- the page ----

  @Test
  void servesThePageAndItsAssets() {
    HttpResponse<byte[]> page = api.get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'self'"));
    String html = new String(page.body(), StandardCharsets.UTF_8);
    assertTrue(html.contains("/app.js") && html.contains("/style.css"), html);
    assertEquals(200, api.get("/app.js").statusCode());
    assertEquals(200, api.get("/style.css").statusCode());
    assertEquals(200, api.get("/favicon.svg").statusCode());
  }

  // ---- helpers ----

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static Set<String> ids(JsonNode array) {
    Set<String> ids = new HashSet<>();
    array.forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static Map<String, Long> counts(JsonNode array) {
    Map<String, Long> out = new TreeMap<>();
    array.forEach(n -> out.put(n.get("value").asText(), n.get("count").asLong()));
    return out;
  }

  static void assertDescending(JsonNode results) {
    List<Double> scores = new ArrayList<>();
    results.forEach(r -> scores.add(r.get("score").asDouble()));
    List<Double> sorted = scores.stream().sorted((x, y) -> Double.compare(y, x)).collect(Collectors.toList());
    assertEquals(sorted, scores, "best first");
  }
}
