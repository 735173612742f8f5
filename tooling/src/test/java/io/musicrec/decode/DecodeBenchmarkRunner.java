package io.musicrec.decode;

import io.musicrec.model.ClipPolicy;
import io.musicrec.testing.audio.TestAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures decode throughput on 40 music-like MP3s of 30 s (44.1 kHz stereo, 160 kb/s) at P=2
 * and prints the figures. Not part of the normal suite:
 *
 * <pre>mvn -q -B -o -pl tooling -am test -Dtest=DecodeBenchmarkRunner -Dsurefire.failIfNoSpecifiedTests=false -Dmusicrec.bench=true</pre>
 *
 * Optional: {@code -Dmusicrec.bench.tracks=40 -Dmusicrec.bench.parallelism=2 -Dmusicrec.bench.rounds=3}.
 */
@EnabledIfSystemProperty(named = "musicrec.bench", matches = "true")
class DecodeBenchmarkRunner {
  @TempDir Path dir;

  @Test
  void measure() throws Exception {
    int tracks = Integer.getInteger("musicrec.bench.tracks", 40);
    int parallelism = Integer.getInteger("musicrec.bench.parallelism", 2);
    int rounds = Integer.getInteger("musicrec.bench.rounds", 3);
    List<Path> files = generate(tracks);
    // The built-in logmel model's settings: 32 kHz, two 5 s windows.
    DecodeOptions options = new DecodeOptions(32000, new ClipPolicy(ClipPolicy.Mode.WINDOWS, 5, 2, 2), 60, 900);
    System.out.printf("load average before: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    DecodeBenchmarkResult result = new DecodeBenchmark(options, parallelism, rounds).run(files);
    System.out.printf("load average after: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println(result.table());
    System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
  }

  private List<Path> generate(int tracks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Path>> made = new ArrayList<>();
      for (int i = 0; i < tracks; i++) {
        Path file = dir.resolve(String.format("track-%03d.mp3", i));
        long seed = i;
        made.add(pool.submit(() -> TestAudio.musicLike(file, 30, seed, "-c:a", "libmp3lame", "-b:a", "160k")));
      }
      List<Path> files = new ArrayList<>();
      for (Future<Path> f : made) files.add(f.get());
      long bytes = 0;
      for (Path f : files) bytes += Files.size(f);
      System.out.printf("generated %d files, %.1f MB%n", files.size(), bytes / 1e6);
      return files;
    } finally {
      pool.shutdownNow();
    }
  }
}
