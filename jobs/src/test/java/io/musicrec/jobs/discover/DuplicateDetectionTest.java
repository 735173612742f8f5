package io.musicrec.jobs.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.discover.DiscoveryQueries;
import io.musicrec.discover.Diversity;
import io.musicrec.discover.DuplicateGroup;
import io.musicrec.discover.Duplicates;
import io.musicrec.discover.Found;
import io.musicrec.jobs.index.IndexJob;
import io.musicrec.store.Filter;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.store.Vectors;
import io.musicrec.testing.realmusic.RealMusic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Near-duplicate detection measured on real recordings: the test cuts six real tracks (two per
 * genre folder of the real-music fixture, {@code MUSICREC_REAL_MUSIC}, built by .ci/real-music.sh) to
 * 30 s and makes four copies of each with the bundled ffmpeg (MP3 128k, Vorbis q1 at 22.05 kHz,
 * the first 0.5 s trimmed, 1 s of silence in front), indexes all 30 with the default model, and
 * checks {@link Duplicates#DEFAULT_THRESHOLD} against the truth: every pair of copies of one
 * recording, and no pair of different recordings. Precision and recall at a sweep of thresholds
 * are printed: the measurement the default was chosen from. The index run's own near-duplicates
 * section (report.json, report.md) and marks are checked against {@link Duplicates#find}.
 */
class DuplicateDetectionTest {
  @TempDir Path tmp;

  /** The real-music fixture (MUSICREC_REAL_MUSIC); skipped without it, failed in CI (RealMusic#require). */
  static Path fixture() {
    return RealMusic.require().root();
  }

  @Test
  void reencodedCopiesOfRealRecordingsAreOneGroupAndDistinctRecordingsAreNot() throws Exception {
    Path corpus = CopiedRecordings.make(fixture(), tmp.resolve("corpus"), 2, 30);
    MusicrecConfig config = ConfigLoader.load(null, Map.of(), Map.of(
        "input", corpus.toString(), "store", "embedded:" + tmp.resolve("index"), "report", tmp.resolve("report").toString(),
        "embeddings.table", tmp.resolve("embeddings").toString(), "keep_versions", "2", "spark.master", "local[2]"));
    new IndexJob(config).run();
    try (VectorStore store = VectorStores.open(config)) {
      String collection = config.collection();
      List<Point> points = store.retrieve(collection, store.listPayloads(collection, List.of()).keySet());
      assertEquals(30, points.size(), "6 recordings and 4 copies of each");
      sweep(points);

      List<DuplicateGroup> groups = Duplicates.find(store, collection, Duplicates.DEFAULT_THRESHOLD);
      CopiedRecordings.PairCounts pairs = CopiedRecordings.PairCounts.of(groups);
      int truePairs = 6 * (5 * 4 / 2); // 5 tracks per recording: 10 pairs each
      double precision = pairs.precision();
      double recall = pairs.correct() / (double) truePairs;
      System.out.printf(Locale.ROOT, "dedup at %.3f: %d groups, pair precision %.3f, recall %.3f%n",
          Duplicates.DEFAULT_THRESHOLD, groups.size(), precision, recall);
      assertEquals(1.0, precision, "no two different recordings in one group: " + groups);
      // What the default model can promise (README "Near-duplicates"): an MP3 re-encode always joins
      // its original. Band-limited Vorbis and offset copies are often missed: printed, not asserted.
      for (Point p : points) {
        if (!p.trackId().endsWith("__mp3-128k")) continue;
        String original = recording(p.trackId());
        assertTrue(groups.stream().anyMatch(g -> g.ids().contains(original) && g.ids().contains(p.trackId())),
            p.trackId() + " is not grouped with " + original + ": " + groups);
      }
      assertTrue(recall > 0, "recall " + recall);

      // The index run already found the same groups through the same code, reported and marked them.
      JsonNode section = new ObjectMapper().readTree(tmp.resolve("report").resolve("report.json").toFile()).get("duplicates");
      assertEquals(Duplicates.DEFAULT_THRESHOLD, section.get("threshold").asDouble(), "logmel's measured threshold");
      assertEquals(groups.size(), section.get("groups").asInt());
      assertEquals(groups.stream().mapToInt(g -> g.ids().size()).sum(), section.get("tracks").asInt());
      assertTrue(section.get("marked").asBoolean());
      for (int i = 0; i < section.get("top").size(); i++) {
        List<String> ids = new ArrayList<>();
        section.get("top").get(i).get("ids").forEach(id -> ids.add(id.asText()));
        assertEquals(groups.get(i).ids(), ids);
        assertEquals(groups.get(i).score(), section.get("top").get(i).get("score").asDouble());
      }
      String md = Files.readString(tmp.resolve("report").resolve("report.md"));
      assertTrue(md.contains("## Near-duplicates") && md.contains(groups.size() + " groups holding"), md);
      for (Point p : points) {
        DuplicateGroup own = groups.stream().filter(g -> g.ids().contains(p.trackId())).findFirst().orElse(null);
        assertEquals(own == null ? null : own.groupId(), p.payload().get(Duplicates.GROUP), p.trackId() + " marked by the index run");
      }
      assertEquals(0, Duplicates.mark(store, collection, groups), "nothing left for dedup to mark");
      DiscoveryQueries queries = new DiscoveryQueries(store, collection);
      String original = points.stream().map(Point::trackId).filter(id -> !id.contains("__")).sorted().findFirst().orElseThrow();
      List<String> plain = queries.similar(original, 29, Filter.NONE, Diversity.NONE).stream().map(f -> f.hit().trackId()).toList();
      assertTrue(plain.contains(original + "__mp3-128k"));
      List<Found> collapsed = queries.similar(original, 29, Filter.NONE, new Diversity(0, 0, true));
      List<String> groupsSeen = new ArrayList<>();
      for (Found f : collapsed) {
        assertFalse(f.hit().trackId().equals(original + "__mp3-128k"), "the query's own copy is collapsed away");
        Object group = f.hit().payload().get(Duplicates.GROUP);
        if (group != null) groupsSeen.add(group.toString());
      }
      assertEquals(groupsSeen.size(), groupsSeen.stream().distinct().count(), "one track per duplicate group: " + groupsSeen);
      assertEquals(plain.size() - collapsed.size(),
          groups.stream().mapToInt(g -> g.ids().size() - 1).sum(), "each group shrinks to one track (the query's to none)");
    }
  }

  /** Pair precision and recall at several thresholds, from exact cosines of every pair. */
  private static void sweep(List<Point> points) {
    double minSame = 1;
    double maxDifferent = -1;
    for (int i = 0; i < points.size(); i++) {
      for (int j = i + 1; j < points.size(); j++) {
        double c = Vectors.dot(points.get(i).vector(), points.get(j).vector());
        if (recording(points.get(i).trackId()).equals(recording(points.get(j).trackId()))) minSame = Math.min(minSame, c);
        else maxDifferent = Math.max(maxDifferent, c);
      }
    }
    System.out.printf(Locale.ROOT, "dedup measurement: lowest cosine between copies %.5f, highest between different recordings %.5f%n",
        minSame, maxDifferent);
    for (double t : new double[] {0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999}) {
      int tp = 0;
      int fp = 0;
      int positives = 0;
      for (int i = 0; i < points.size(); i++) {
        for (int j = i + 1; j < points.size(); j++) {
          boolean truth = recording(points.get(i).trackId()).equals(recording(points.get(j).trackId()));
          boolean predicted = Vectors.dot(points.get(i).vector(), points.get(j).vector()) >= t;
          if (truth) positives++;
          if (predicted && truth) tp++;
          if (predicted && !truth) fp++;
        }
      }
      System.out.printf(Locale.ROOT, "  threshold %.3f: precision %.3f, recall %.3f%n",
          t, tp + fp == 0 ? 1.0 : tp / (double) (tp + fp), tp / (double) positives);
    }
  }

  private static String recording(String id) {
    return CopiedRecordings.recording(id);
  }
}
