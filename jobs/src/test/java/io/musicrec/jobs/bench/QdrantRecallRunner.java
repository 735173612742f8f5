package io.musicrec.jobs.bench;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Point;
import io.musicrec.store.SearchEffort;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.store.qdrant.QdrantEndpoint;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures what {@code search.hnsw_ef} does on a real Qdrant (not a test; how README "At catalogue
 * scale" got its Qdrant figures): loads the scale bench's synthetic vectors through the project's
 * Qdrant store (bulk writers on two threads, the collection laid out as {@code defaults.yaml}
 * says), waits until Qdrant has finished optimizing them, then asks the bench's searches and recommend requests
 * with each effort (0 = Qdrant's own default) and grades them against the exact scan. Arguments:
 * Qdrant URI, dimension, points, efforts (comma-separated, 0 for the default). Run with the jobs
 * test classpath, e.g. {@code java -cp ... io.musicrec.jobs.bench.QdrantRecallRunner
 * qdrant://127.0.0.1:6334 160 1000000 0,100,200,400,800}; QDRANT_API_KEY is sent if set.
 */
public final class QdrantRecallRunner {
  private static final String COLLECTION = "scale_recall";
  private static final long SEED = 2026;

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    int dimension = Integer.parseInt(args[1]);
    long points = Long.parseLong(args[2]);
    int[] efforts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
    MusicrecConfig defaults = ConfigLoader.load(null, Map.of(), Map.of());
    String apiKey = System.getenv("QDRANT_API_KEY");
    Settings.Qdrant key = new Settings.Qdrant(apiKey);

    ScaleVectors vectors = new ScaleVectors(dimension, SEED);
    ScaleQueries queries = ScaleQueries.make(vectors, points, 100, 30, SEED);
    ExactAnswers exact = ExactAnswers.compute(vectors, points, queries, 2);
    say("exact answers of %d searches and %d recommend requests over %d points", queries.vectors().size(),
        queries.recommends().size(), points);

    try (VectorStore store = VectorStores.open(uri, defaults.sink(), key, new Settings.Search(SearchEffort.AUTOMATIC))) {
      if (store.exists(COLLECTION)) store.dropCollection(COLLECTION);
      store.ensureCollection(new CollectionSpec(COLLECTION, dimension, CollectionLayout.from(defaults.layout())));
      long t0 = System.nanoTime();
      ScaleSide.parallel(2, t -> {
        try (BulkWriter writer = store.bulkWriter(COLLECTION)) {
          for (long i = t; i < points; i += 2) {
            writer.add(new Point(ScaleVectors.trackId(i), vectors.vector(i), ProjectScaleSide.payload(i)));
          }
        }
      });
      double uploaded = (System.nanoTime() - t0) / 1e9;
      double indexed = awaitIndexed(uri, apiKey) - t0 / 1e9;
      say("uploaded %d points in %.0f s (%.0f points/s); Qdrant finished optimizing (green) after %.0f s;"
          + " load average %.2f", points, uploaded, points / uploaded, indexed, Environment.loadAverage());
    }
    for (int effort : efforts) {
      try (VectorStore store = VectorStores.open(uri, defaults.sink(), key, new Settings.Search(effort))) {
        List<List<Long>> found = new ArrayList<>();
        long[] nanos = new long[queries.vectors().size()];
        long start = System.nanoTime();
        for (int q = 0; q < queries.vectors().size(); q++) {
          long s = System.nanoTime();
          found.add(ProjectScaleSide.ids(store.search(COLLECTION, queries.vectors().get(q), ExactAnswers.K, Filter.NONE)));
          nanos[q] = System.nanoTime() - s;
        }
        Latencies search = Latencies.of(1, nanos, (System.nanoTime() - start) / 1e9);
        Map<String, Double> recommend = ScaleBenchmark.recommendRecall(
            (request, strategy) -> ProjectScaleSide.ids(store.recommend(COLLECTION, request.recommendation(strategy))), queries, exact);
        say("hnsw_ef %s: search recall@10 %.3f, p50 %.2f ms, p99 %.2f ms (one client, %d queries); recommend recall@10 %s",
            effort == 0 ? "default (0)" : Integer.toString(effort), ExactAnswers.recall(exact.search(), found),
            search.p50Ms(), search.p99Ms(), search.queries(), recommend);
      }
    }
  }

  /**
   * Seconds (on the nanoTime clock) when Qdrant has finished optimizing: green on two polls in a row
   * (an upload can leave it green a moment before the optimizer starts). Segments below Qdrant's
   * indexing_threshold stay unindexed and are searched exactly, so the indexed count can stay
   * below the points for good on small collections.
   */
  private static double awaitIndexed(String uri, String apiKey) throws Exception {
    try (QdrantGrpcClient grpc = QdrantEndpoint.parse(uri).client(apiKey)) {
      int greenPolls = 0;
      while (true) {
        Collections.CollectionInfo info = grpc.collections().get(Collections.GetCollectionInfoRequest.newBuilder()
            .setCollectionName(COLLECTION).build()).get(30, TimeUnit.SECONDS).getResult();
        greenPolls = info.getStatus() == Collections.CollectionStatus.Green ? greenPolls + 1 : 0;
        if (greenPolls == 2) {
          say("Qdrant: green, %d of the points indexed in %d segments", info.getIndexedVectorsCount(), info.getSegmentsCount());
          return System.nanoTime() / 1e9;
        }
        Thread.sleep(2000);
      }
    }
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
