package io.musicrec.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCorpusTest {
  @TempDir Path dir;

  @Test
  void generatesOnceThenReusesWhileTheSizeMatches() throws Exception {
    Path root = dir.resolve("corpus");
    StringWriter log = new StringWriter();
    BenchCorpus first = BenchCorpus.ensure(root, 3, 1, new PrintWriter(log, true));
    assertEquals(3, first.files().size());
    assertTrue(first.files().stream().allMatch(Files::isRegularFile));
    assertEquals(1.0, first.secondsPerTrack());
    assertTrue(first.bytes() > 0);
    FileTime made = Files.getLastModifiedTime(root.resolve("manifest.json"));

    BenchCorpus again = BenchCorpus.ensure(root, 3, 1, new PrintWriter(log, true));
    assertEquals(first.files(), again.files());
    assertEquals(made, Files.getLastModifiedTime(root.resolve("manifest.json")));
    assertTrue(log.toString().contains("reusing"), log.toString());

    BenchCorpus bigger = BenchCorpus.ensure(root, 4, 1, new PrintWriter(log, true));
    assertEquals(4, bigger.files().size());
    assertEquals(4, bigger.manifest().tracks());
  }

  @Test
  void aDatasetWithoutManifestUsesEveryMp3() throws Exception {
    Path genre = Files.createDirectories(dir.resolve("mp3/rock"));
    BenchCorpus.ensure(dir.resolve("made"), 2, 1, new PrintWriter(new StringWriter()));
    try (var files = Files.walk(dir.resolve("made/mp3"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".mp3")).toList()) Files.copy(f, genre.resolve(f.getFileName()));
    }
    BenchCorpus foreign = BenchCorpus.of(dir);
    assertEquals(2, foreign.files().size());
    assertEquals(null, foreign.secondsPerTrack());
  }

  @Test
  void aFolderWithoutAudioIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class, () -> BenchCorpus.of(dir));
    assertTrue(e.getMessage().contains("no mp3/ folder"), e.getMessage());
  }
}
