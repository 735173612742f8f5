package io.musicrec.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The scale bench's load progress: counts from every loading thread, a rate and an ETA, then the merge's wait. */
class LoadProgressTest {
  @Test
  void countsPointsFromManyThreadsThenReportsTheMerge() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (LoadProgress progress = new LoadProgress("project", 4_000, lines::add, 0.05)) {
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(() -> {
          for (int i = 0; i < 500; i++) progress.added();
        });
        threads[t].start();
      }
      for (Thread t : threads) t.join();
      String adding = progress.line();
      assertTrue(adding.contains("project: 2000 / 4000 points added (50.0 %)"), adding);
      assertTrue(adding.matches(".* \\d+ points/s, adding ETA \\d+ s"), adding);
      progress.finishing();
      assertTrue(progress.line().contains("all 4000 points added; making it searchable (merge) for"), progress.line());
      long deadline = System.nanoTime() + 30_000_000_000L; // a loaded CI machine may starve the ticker a while
      while (lines.stream().noneMatch(l -> l.contains("merge")) && System.nanoTime() < deadline) Thread.sleep(20);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("making it searchable")), "the ticker logged the merge: " + lines);
    int logged = lines.size();
    Thread.sleep(200);
    assertEquals(logged, lines.size(), "closing stops the ticker");
  }
}
