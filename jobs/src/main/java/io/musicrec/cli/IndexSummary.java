package io.musicrec.cli;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.index.IndexReport;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import io.musicrec.store.Recommendation;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Filter;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code index} prints when it finishes: the counts, then a taste of the results. */
final class IndexSummary {
  /** Examples are picked from this many tracks, not from a scan of the whole collection. */
  private static final int EXAMPLE_POOL = 100;

  private IndexSummary() {}

  static void print(IndexReport report, MusicrecConfig config, PrintWriter out) {
    IndexReport.Counts c = report.counts();
    out.printf(Locale.ROOT, "%nindexed into %s (collection %s)%n", report.store(), report.collection());
    out.printf(Locale.ROOT, "  listed %d, decoded %d, rejected %d %s, upserted %d (%d from the embeddings table), unchanged %d,"
        + " relabelled %d, deleted %d%n", c.listed(), c.decoded(), c.rejected(), c.rejectedByReason(), c.upserted(),
        c.fromTable(), c.unchanged(), c.relabelled(), c.deleted());
    out.printf(Locale.ROOT, "  audio without labels %d, labels without audio %d, points in collection %d%n",
        c.missingLabels(), c.labelsWithoutAudio(), c.storeCount());
    if (c.labelsRejected() > 0 || c.durationCapped() > 0) {
      out.printf(Locale.ROOT, "  labels entries left out %d (listed in the report), tracks longer than decode.max_seconds %d%n",
          c.labelsRejected(), c.durationCapped());
    }
    out.printf(Locale.ROOT, "  %.2f tracks/s; report: %s/report.md%n", report.throughput().tracksPerS(), config.report());
    if (report.duplicates() != null && report.duplicates().error() == null) {
      out.printf(Locale.ROOT, "  near-duplicates: %d groups (%d tracks) at cosine >= %.3f%s%n", report.duplicates().groups(),
          report.duplicates().tracks(), report.duplicates().threshold(), report.duplicates().marked() ? ", marked" : "");
    }
    try (VectorStore store = VectorStores.open(config)) {
      examples(store, config.collection(), out);
    } catch (RuntimeException e) {
      // The index is built and reported; a failed taste of it must not turn success into failure.
      out.printf("%n(could not show example recommendations: %s)%n", e.getMessage());
    }
    out.flush();
  }

  private static void examples(VectorStore store, String collection, PrintWriter out) {
    List<String> ids = new ArrayList<>(store.listPayloads(collection, List.of("artist"), EXAMPLE_POOL).keySet());
    if (ids.size() < 3) return;
    java.util.Collections.sort(ids);
    Point seed = store.retrieve(collection, List.of(ids.get(0))).get(0);
    out.printf("%nsimilar to %s:%n", describe(seed.payload()));
    for (Hit hit : store.searchByTrack(collection, seed.trackId(), 5, Filter.NONE)) print(hit, out);

    List<String> liked = List.of(ids.get(0), ids.get(1));
    String disliked = ids.get(ids.size() - 1);
    out.printf("%nrecommended from liking %s and %s, disliking %s:%n",
        describe(seed.payload()), describe(payloadOf(store, collection, liked.get(1))), describe(payloadOf(store, collection, disliked)));
    Recommendation request = new Recommendation(liked, List.of(disliked), RecommendStrategy.AVERAGE_VECTOR, Filter.NONE, 5);
    for (Hit hit : store.recommend(collection, request)) print(hit, out);
  }

  private static Map<String, Object> payloadOf(VectorStore store, String collection, String trackId) {
    return store.retrieve(collection, List.of(trackId)).get(0).payload();
  }

  private static void print(Hit hit, PrintWriter out) {
    out.printf(Locale.ROOT, "  %.3f  %s%n", hit.score(), describe(hit.payload()));
  }

  static String describe(Map<String, Object> payload) {
    String track = String.format(Locale.ROOT, "%s - %s [%s]",
        payload.getOrDefault("artist", "?"), payload.getOrDefault("name", payload.get("track_id")), payload.get("genre"));
    // A tagging model's top tags say why a track is there; show them when the index has them.
    return payload.get(Payloads.TAGS) instanceof List<?> tags && !tags.isEmpty()
        ? track + "  (" + tags.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")"
        : track;
  }
}
