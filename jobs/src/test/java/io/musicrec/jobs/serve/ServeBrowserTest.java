package io.musicrec.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.corpus.CorpusManifest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real headless Chromium, driven by Playwright ({@code src/test/browser/serve-page.mjs})
 * against a real server over the indexed corpus: upload, same-artist ranking, likes, recommend,
 * genre filter, playback; it leaves a screenshot in {@code target/serve-browser/serve.png} (and
 * refreshes {@code docs/serve.png} with {@code -Dmusicrec.docs.screenshot=true}).
 *
 * <p>Needs Debian's {@code chromium}, {@code node} and {@code npm ci} in src/test/browser. Where
 * they are missing the test is skipped with the reason, unless {@code MUSICREC_REQUIRE_BROWSER=1}
 * (set by .ci/run), which turns the skip into a failure so CI can never pass without running it.
 */
class ServeBrowserTest {
  private static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
  private static final Path BROWSER_DIR = BASEDIR.resolve("src/test/browser");

  @TempDir Path tmp;

  @Test
  void uploadLikeFilterAndPlayInTheBrowser() throws Exception {
    Path chromium = Path.of(Optional.ofNullable(System.getenv("MUSICREC_CHROMIUM")).orElse("/usr/bin/chromium"));
    Optional<Path> node = onPath("node");
    require(Files.isExecutable(chromium), "no Chromium at " + chromium + " (apt-get install chromium)");
    require(node.isPresent(), "no node on PATH (apt-get install nodejs npm)");
    require(Files.isDirectory(BROWSER_DIR.resolve("node_modules/playwright-core")),
        "playwright-core is not installed: run 'npm ci' in " + BROWSER_DIR);

    IndexedCorpus indexed = IndexedCorpus.get();
    try (MusicServer server = MusicServer.start(indexed.config(), ServeOptions.onPort(0))) {
      CorpusManifest.Track track = trackWhoseArtistIsItsNearestNeighbour(indexed, new ApiClient(server.uri()));
      Path upload = Files.copy(indexed.corpus().file(track.path()), tmp.resolve("my song.mp3"), StandardCopyOption.REPLACE_EXISTING);
      Path screenshot = BASEDIR.resolve("target/serve-browser/serve.png");
      Files.createDirectories(screenshot.getParent());

      Map<String, String> args = new LinkedHashMap<>();
      args.put("url", server.uri().toString());
      args.put("chromium", chromium.toString());
      args.put("upload", upload.toString());
      args.put("trackId", track.id());
      args.put("artist", track.artist());
      args.put("genre", track.genre());
      args.put("screenshot", screenshot.toString());
      Path log = BASEDIR.resolve("target/serve-browser/node.log");
      Process process = new ProcessBuilder(node.get().toString(), "serve-page.mjs", new ObjectMapper().writeValueAsString(args))
          .directory(BROWSER_DIR.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      try {
        if (!process.waitFor(120, TimeUnit.SECONDS)) fail("the browser run took over 120 s:\n" + Files.readString(log));
      } finally {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), "browser run failed:\n" + output);
      assertTrue(output.contains("\nok"), output);
      assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
      if (Boolean.getBoolean("musicrec.docs.screenshot")) {
        Files.copy(screenshot, BASEDIR.resolve("../docs/serve.png"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * A track whose nearest neighbour in the index is by the same artist, asked of the API: the
   * page should then show that artist twice at the top after uploading the track.
   */
  private static CorpusManifest.Track trackWhoseArtistIsItsNearestNeighbour(IndexedCorpus indexed, ApiClient api) {
    for (CorpusManifest.Track t : indexed.manifest().catalog()) {
      JsonNode first = ApiClient.json(api.get("/api/tracks/" + t.id() + "/similar?k=1")).get("results").get(0);
      if (t.artist().equals(first.get("track").get("artist").asText())) return t;
    }
    throw new AssertionError("no track in the corpus has its own artist as nearest neighbour");
  }

  private static void require(boolean condition, String reason) {
    if (condition) return;
    if ("1".equals(System.getenv("MUSICREC_REQUIRE_BROWSER"))) fail(reason + " (MUSICREC_REQUIRE_BROWSER=1)");
    Assumptions.abort(reason);
  }

  private static Optional<Path> onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, command))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
