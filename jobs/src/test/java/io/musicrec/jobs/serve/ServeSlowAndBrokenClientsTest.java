package io.musicrec.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.index.IndexJob;
import io.musicrec.testing.audio.TestAudio;
import io.musicrec.testing.qdrant.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against clients on real loopback sockets that are slow, malformed or gone: slow
 * request lines, headers and bodies must not starve other clients, Jetty's own errors are the API's
 * JSON, audio is typed by its content, and a client that leaves mid-download is one log line.
 * Runs over its own two-track index: a long WAV (larger than the socket buffers, so a download is
 * still being written when its client leaves) and an Ogg file named {@code .mp3}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeSlowAndBrokenClientsTest {
  private static final int THREADS = 16;
  private static final int IDLE_TIMEOUT_S = 2;
  private static final int REQUEST_TIMEOUT_S = 3;

  MusicServer server;
  Path longWav;
  Path oggNamedMp3;
  final Map<String, String> idByFile = new HashMap<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    Path music = Files.createDirectories(tmp.resolve("music/mp3/rock"));
    longWav = TestAudio.musicLike(music.resolve("long.wav"), 90, 7, "-c:a", "pcm_s16le");
    Path ogg = TestAudio.musicLike(tmp.resolve("real.ogg"), 10, 8, "-c:a", "libvorbis");
    oggNamedMp3 = Files.move(ogg, music.resolve("actually-ogg.mp3"));
    Files.writeString(tmp.resolve("music/labels.json"), "{\"tracks\": {"
        + "\"long\": {\"name\": {\"S\": \"Long\"}, \"artist\": {\"S\": \"A\"}, \"genre\": {\"S\": \"rock\"}},"
        + "\"actually-ogg\": {\"name\": {\"S\": \"Ogg\"}, \"artist\": {\"S\": \"B\"}, \"genre\": {\"S\": \"rock\"}}}}");
    MusicrecConfig config = ConfigLoader.load(null, Map.of(), Map.of(
        "input", tmp.resolve("music").toString(),
        "store", "embedded:" + tmp.resolve("index"),
        "report", tmp.resolve("report").toString(),
        "embeddings.table", tmp.resolve("embeddings").toString(),
        "keep_versions", "2",
        "spark.master", "local[2]"));
    new IndexJob(config).run();
    ServeOptions options = new ServeOptions("127.0.0.1", 0, 1 << 20, 30, 2, THREADS, IDLE_TIMEOUT_S, REQUEST_TIMEOUT_S);
    server = MusicServer.start(config, options);
    JsonNode tracks = ApiClient.json(get("/api/tracks?limit=10"));
    for (JsonNode track : tracks.get("tracks")) {
      long length = Long.parseLong(head("/api/audio/" + ServeApiContract.encode(track.get("id").asText()))
          .headers().firstValue("Content-Length").orElseThrow());
      idByFile.put(length == Files.size(longWav) ? "wav" : "ogg", track.get("id").asText());
    }
    assertEquals(2, idByFile.size(), tracks.toString());
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void slowHeadersAndBodiesDoNotStarveOtherClients() throws Exception {
    int slowHeaders = 24;
    int slowBodies = THREADS - 4; // each holds a request thread while its body trickles in
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService slow = Executors.newFixedThreadPool(slowHeaders + slowBodies);
    List<Socket> sockets = new ArrayList<>();
    try {
      byte[] headers = ("GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(200) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < slowHeaders; i++) {
        Socket s = connect();
        sockets.add(s);
        slow.submit(() -> trickle(s, headers, 0, stop));
      }
      byte[] body = "{\"like\": [\"x\"]}".repeat(20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < slowBodies; i++) {
        Socket s = connect();
        sockets.add(s);
        String head = "POST /api/recommend HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        slow.submit(() -> trickle(s, body, 0, stop));
      }
      Thread.sleep(500); // every slow client is mid-request

      for (int i = 0; i < 5; i++) {
        long started = System.nanoTime();
        HttpResponse<byte[]> health = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/health"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, health.statusCode());
        assertEquals("ok", ApiClient.json(health).get("status").asText());
        // Liveness, not speed: the JDK server made this wait for the slow clients' time limit (300 s).
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
      }
    } finally {
      stop.set(true);
      slow.shutdownNow();
      for (Socket s : sockets) s.close();
    }
  }

  @Test
  void aBodyThatTricklesPastTheRequestTimeoutGets408() throws Exception {
    byte[] body = "{\"like\": [\"x\"]}".repeat(100).getBytes(StandardCharsets.US_ASCII);
    AtomicBoolean stop = new AtomicBoolean();
    try (Socket s = connect()) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(("POST /api/recommend HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      Thread writer = new Thread(() -> trickle(s, body, 0, stop));
      writer.start();
      long started = System.nanoTime();
      String response = readResponse(s);
      stop.set(true);
      assertTrue(response.startsWith("HTTP/1.1 408"), response);
      assertTrue(response.contains("\"reason\":\"request_timeout\""), response);
      assertTrue(System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(REQUEST_TIMEOUT_S - 1), "answered before the deadline");
    }
  }

  @Test
  void aStalledRequestIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket s = connect()) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
      String answer = readResponse(s); // then nothing more is sent
      // Closed without an answer, or with Jetty's 408; either way the connection is given back.
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
    }
  }

  @Test
  void aBadContentLengthIsAJson400() throws Exception {
    for (String header : List.of("Content-Length: abc", "Content-Length: -5", "Content-Length: 5\r\nContent-Length: 7")) {
      try (Socket s = connect()) {
        s.setSoTimeout(30_000);
        s.getOutputStream().write(("POST /api/recommend HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\n\r\n{}")
            .getBytes(StandardCharsets.US_ASCII));
        String response = readResponse(s);
        assertTrue(response.startsWith("HTTP/1.1 400"), header + ": " + response);
        assertTrue(response.toLowerCase().contains("content-type: application/json"), response);
        JsonNode body = Responses.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals("bad_request", body.get("reason").asText(), response);
        assertFalse(body.get("error").asText().isBlank(), response);
        assertFalse(response.contains("<html"), response);
      }
    }
  }

  @Test
  void audioIsTypedByItsContentNotItsName() throws Exception {
    HttpResponse<byte[]> ogg = get("/api/audio/" + ServeApiContract.encode(idByFile.get("ogg")));
    assertEquals(200, ogg.statusCode());
    assertEquals("audio/ogg", ogg.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(Files.size(oggNamedMp3), ogg.body().length);
    assertEquals("audio/wav", head("/api/audio/" + ServeApiContract.encode(idByFile.get("wav")))
        .headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void aClientLeavingMidDownloadIsOneLogLine() throws Exception {
    String id = idByFile.get("wav");
    long length = Files.size(longWav);
    try (LogCapture log = new LogCapture()) {
      Socket s = new Socket();
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      s.getOutputStream().write(("GET /api/audio/" + ServeApiContract.encode(id) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      byte[] some = s.getInputStream().readNBytes(64 * 1024);
      assertEquals(64 * 1024, some.length);
      s.setSoLinger(true, 0); // reset, as a closed browser tab does
      s.close();

      String wanted = "client closed the audio stream of " + id;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!log.text().contains(wanted) && System.nanoTime() < deadline) Thread.sleep(100);
      // distinct: LogCapture listens on the root and on each configured logger, so an event through
      // the additive io.musicrec logger arrives twice, word for word.
      List<String> lines = log.text().lines().filter(l -> l.contains(id)).distinct().toList();
      assertEquals(1, lines.size(), log.text());
      assertTrue(lines.get(0).startsWith("INFO "), lines.get(0));
      assertTrue(lines.get(0).contains("of " + length + " bytes"), lines.get(0));
      assertFalse(log.text().contains("ERROR"), log.text());
      assertFalse(log.text().contains("\tat "), "no stack trace: " + log.text());
    }
    // The server is still fine.
    assertEquals(200, get("/api/health").statusCode());
  }

  // ---- helpers ----

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
    return s;
  }

  /** Sends {@code bytes} one at a time, 100 ms apart, until done, stopped or cut off. */
  private static Void trickle(Socket s, byte[] bytes, int from, AtomicBoolean stop) {
    try {
      OutputStream out = s.getOutputStream();
      for (int i = from; i < bytes.length && !stop.get(); i++) {
        out.write(bytes[i]);
        out.flush();
        Thread.sleep(100);
      }
    } catch (IOException | InterruptedException e) {
      // cut off by the server, or the test is over
    }
    return null;
  }

  /** Everything the server sends until it closes the connection or stops for the socket timeout. */
  private static String readResponse(Socket s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          String lengthHeader = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:")).findFirst().orElse(null);
          if (lengthHeader != null && text.length() - end - 4 >= Integer.parseInt(lengthHeader.substring(15).trim())) break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // a reset counts as closed
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> head(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).method("HEAD", HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
