package io.musicrec.jobs.bench;

import io.musicrec.store.CollectionLayout;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Point;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.VectorStore;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The project's side: the embedded store through the {@link VectorStore} API, loaded the way the
 * index job loads it (one bulk writer per task, then {@link VectorStore#finishLoad}).
 */
final class ProjectScaleSide implements ScaleSide {
  static final String COLLECTION = "scale";
  private final Path dir;
  private final CollectionLayout layout;
  private VectorStore store;

  /** The collection is asked for as a user's config asks for it: {@code layout.quantization}, {@code layout.hnsw_*}. */
  ProjectScaleSide(Path dir, CollectionLayout.Quantization quantization, ScaleOptions.Graph graph) {
    this.dir = dir;
    this.layout = CollectionLayout.STORE_DEFAULTS.withQuantization(quantization).withHnsw(graph.m(), graph.efConstruct());
  }

  @Override
  public LoadTimes load(ScaleVectors vectors, long points, int threads, LoadProgress progress) throws Exception {
    store = EmbeddedStore.open(dir, EmbeddedOptions.defaults());
    store.ensureCollection(new CollectionSpec(COLLECTION, vectors.dimension(), layout));
    long t0 = System.nanoTime();
    ScaleSide.parallel(threads, t -> {
      try (BulkWriter writer = store.bulkWriter(COLLECTION)) {
        for (long i = t; i < points; i += threads) {
          writer.add(new Point(ScaleVectors.trackId(i), vectors.vector(i), payload(i)));
          progress.added();
        }
      }
    });
    long t1 = System.nanoTime();
    progress.finishing();
    store.finishLoad(COLLECTION);
    long t2 = System.nanoTime();
    if (store.count(COLLECTION) != points) {
      throw new IllegalStateException("the store holds " + store.count(COLLECTION) + " points, not " + points);
    }
    return new LoadTimes((t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  /** A payload the size of the index job's (artist, name, album, genre, subgenres, url). */
  static Map<String, Object> payload(long i) {
    return Map.of("genre", ScaleVectors.genre(i), "artist", "artist " + (i % 20_000), "name", "track " + i,
        "album", "album " + (i % 80_000), "subgenres", List.of(ScaleVectors.genre(i) + "---x"),
        "url", "s3a://catalogue/mp3/" + ScaleVectors.genre(i) + "/" + ScaleVectors.trackId(i) + ".mp3");
  }

  /** The embedded store reads its effort when opened, as a user's store reads its config: reopen (cheap, memory-mapped). */
  @Override
  public void searchEffort(int effort) {
    store.close();
    store = EmbeddedStore.open(dir, EmbeddedOptions.defaults().withSearchEffort(effort));
  }

  @Override
  public List<Long> search(float[] unitQuery, String genre) {
    Filter filter = genre == null ? Filter.NONE : Filter.must(new Condition.MatchValue("genre", genre));
    return ids(store.search(COLLECTION, unitQuery, ExactAnswers.K, filter));
  }

  List<Long> recommend(ScaleQueries.Request r, RecommendStrategy strategy) {
    return ids(store.recommend(COLLECTION, r.recommendation(strategy)));
  }

  /** The point indexes of a store's hits. */
  static List<Long> ids(List<Hit> hits) {
    return hits.stream().map(h -> ScaleVectors.index(h.trackId())).toList();
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    if (store != null) store.close();
  }
}
