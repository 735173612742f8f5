package io.musicrec.store.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Point;
import io.musicrec.store.PointIds;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.SearchEffort;
import io.musicrec.store.StoreException;
import io.musicrec.store.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * One collection on disk: {@code <dir>/collection.json} (its spec and HNSW parameters) and a Lucene
 * index in {@code <dir>/index}. Each point is a document with its point id (keyword), the
 * normalised vector (HNSW, dot product = cosine on unit vectors), the payload as JSON ({@link
 * PayloadField}) and a keyword field per string value for filters.
 *
 * <p>Readers see the last commit through a {@link SearcherManager}; every write path ends in a
 * commit followed by a refresh, so acknowledged writes are durable and searchable. The index
 * writer opens on the first write and holds Lucene's write lock: one writing JVM per directory.
 * Thread-safe.
 */
final class LuceneCollection implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPEC_FILE = "collection.json";
  private static final String VECTOR = "vector";
  /**
   * How far the bounded recommend widens its candidate searches before it scans instead: up to 16
   * times the base effort's candidates, whatever the starting effort, so a large collection's
   * larger effort does not also raise the worst case of each probe fourfold.
   */
  private static final int MAX_CANDIDATES_PER_PROBE = 16 * SearchEffort.BASE;

  private final String name;
  private final Path dir;
  private final Layout layout;
  private final Directory directory;
  private final SearcherManager searchers;
  private IndexWriter writer; // guarded by this

  /** What collection.json holds. */
  record Layout(int dimension, boolean onDiskVectors, CollectionLayout.Quantization quantization, int maxConn, int beamWidth) {}

  private LuceneCollection(String name, Path dir, Layout layout) throws IOException {
    this.name = name;
    this.dir = dir;
    this.layout = layout;
    this.directory = FSDirectory.open(dir.resolve("index"));
    this.searchers = new SearcherManager(directory, null);
  }

  static boolean existsAt(Path dir) {
    return Files.isRegularFile(dir.resolve(SPEC_FILE));
  }

  /** Creates the folder, the spec file and an empty committed index. */
  static void create(Path dir, CollectionSpec spec, EmbeddedOptions options) throws IOException {
    Files.createDirectories(dir.resolve("index"));
    // The collection's own HNSW settings win over the store's defaults, as in Qdrant.
    CollectionLayout asked = spec.layout();
    Layout layout = new Layout(spec.dimension(), spec.onDiskVectors(), spec.quantization(),
        asked.hnswM() > 0 ? asked.hnswM() : options.maxConn(),
        asked.hnswEfConstruct() > 0 ? asked.hnswEfConstruct() : options.beamWidth());
    try (Directory d = FSDirectory.open(dir.resolve("index"));
        IndexWriter w = new IndexWriter(d, config(layout).setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
      w.commit();
    }
    Path tmp = dir.resolve(SPEC_FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), layout);
    Files.move(tmp, dir.resolve(SPEC_FILE), StandardCopyOption.ATOMIC_MOVE);
  }

  static LuceneCollection open(String name, Path dir) throws IOException {
    Layout layout = JSON.readValue(dir.resolve(SPEC_FILE).toFile(), Layout.class);
    return new LuceneCollection(name, dir, layout);
  }

  private static IndexWriterConfig config(Layout layout) {
    return new IndexWriterConfig()
        .setCodec(new HighDimensionCodec(layout.maxConn(), layout.beamWidth(),
            layout.quantization() == CollectionLayout.Quantization.INT8, Runtime.getRuntime().availableProcessors()))
        .setCommitOnClose(true);
  }

  int dimension() {
    return layout.dimension();
  }

  Layout layout() {
    return layout;
  }

  Path dir() {
    return dir;
  }

  // ---- writes ----

  /** Adds or replaces points without committing; {@link #commit()} makes them durable and visible. */
  void write(List<Point> points) {
    List<Document> docs = new ArrayList<>(points.size());
    for (Point p : points) docs.add(document(p));
    try {
      IndexWriter w = writer();
      for (int i = 0; i < points.size(); i++) {
        w.updateDocument(idTerm(points.get(i).trackId()), docs.get(i));
      }
    } catch (IOException e) {
      throw new StoreException("cannot write to embedded collection '" + name + "' at " + dir, e);
    }
  }

  void commit() {
    try {
      IndexWriter w;
      synchronized (this) {
        w = writer;
      }
      if (w != null) w.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new StoreException("cannot commit embedded collection '" + name + "' at " + dir, e);
    }
  }

  /**
   * Ends a full or rebuild load: merges the index into one segment (one HNSW graph, so a query
   * searches one graph rather than one per segment), then commits and refreshes the readers.
   */
  void finishLoad() {
    try {
      IndexWriter w = writer();
      w.forceMerge(1);
      w.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new StoreException("cannot merge embedded collection '" + name + "' at " + dir, e);
    }
  }

  void delete(Collection<String> trackIds) {
    if (trackIds.isEmpty()) return;
    try {
      writer().deleteDocuments(LuceneFilters.terms(LuceneFilters.ID, pointIds(trackIds)));
    } catch (IOException e) {
      throw new StoreException("cannot delete from embedded collection '" + name + "'", e);
    }
    commit();
  }

  private synchronized IndexWriter writer() throws IOException {
    if (writer == null) writer = new IndexWriter(directory, BulkLoadSettings.apply(config(layout)));
    return writer;
  }

  private Document document(Point p) {
    if (p.vector().length != layout.dimension()) {
      throw new StoreException("vector of track '" + p.trackId() + "' has dimension " + p.vector().length
          + " but collection '" + name + "' holds " + layout.dimension() + "-d vectors: "
          + "use the model the collection was built with, or build a new collection (--mode rebuild)");
    }
    Document doc = new Document();
    doc.add(new StringField(LuceneFilters.ID, PointIds.of(p.trackId()).toString(), Field.Store.NO));
    doc.add(new KnnFloatVectorField(VECTOR, Vectors.normalized(p.vector(), "vector of track '" + p.trackId() + "'"),
        VectorSimilarityFunction.DOT_PRODUCT));
    PayloadField.add(doc, p.payload());
    p.payload().forEach((key, value) -> {
      if (value instanceof String s) {
        doc.add(new StringField(LuceneFilters.KEYWORD_PREFIX + key, s, Field.Store.NO));
      } else if (value instanceof List<?> list) {
        for (Object element : list) {
          doc.add(new StringField(LuceneFilters.KEYWORD_PREFIX + key, (String) element, Field.Store.NO));
        }
      }
    });
    return doc;
  }

  // ---- reads ----

  long count() {
    return withSearcher(s -> (long) s.getIndexReader().numDocs());
  }

  /** Stored points by track id, in the order asked, skipping unknown ids. */
  List<Point> retrieve(Collection<String> trackIds) {
    if (trackIds.isEmpty()) return List.of();
    return withSearcher(s -> {
      Map<String, Point> found = new HashMap<>();
      for (ScoreDoc sd : s.search(LuceneFilters.terms(LuceneFilters.ID, pointIds(trackIds)), trackIds.size()).scoreDocs) {
        Map<String, Object> payload = payload(s, sd.doc);
        String trackId = (String) payload.get("track_id");
        found.put(trackId, new Point(trackId, vector(s, sd.doc), payload));
      }
      List<Point> ordered = new ArrayList<>();
      for (String id : new java.util.LinkedHashSet<>(trackIds)) if (found.containsKey(id)) ordered.add(found.get(id));
      return ordered;
    });
  }

  Map<String, Map<String, Object>> listPayloads(Collection<String> fields, int limit) {
    return withSearcher(s -> {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        PayloadField.Reader payloads = new PayloadField.Reader(leaf.reader());
        for (int doc = 0; doc < leaf.reader().maxDoc() && out.size() < limit; doc++) {
          if (live != null && !live.get(doc)) continue;
          Map<String, Object> payload = payloads.read(doc);
          Map<String, Object> picked = new LinkedHashMap<>();
          for (String f : fields) picked.put(f, payload.get(f));
          out.put((String) payload.get("track_id"), picked);
        }
      }
      return out;
    });
  }

  /**
   * Approximate nearest neighbours by HNSW with the filter applied inside the graph search. The
   * excluded tracks (a query track, recommend examples) are dropped from the candidates afterwards
   * rather than filtered inside the search: a filter of only exclusions would make Lucene build a
   * bitset over every document per query. HNSW scores float vectors exactly, so only the returned
   * hits are rescored (for the cosine itself); int8 scores are approximate, so every candidate is
   * rescored against the stored float vectors before the best {@code limit} are kept.
   */
  List<Hit> search(float[] unitQuery, int limit, int searchEffort, Filter filter, Collection<String> excludedTrackIds) {
    checkDimension(unitQuery.length);
    Query restriction = LuceneFilters.toQuery(filter, List.of());
    return withSearcher(s -> {
      Set<Integer> excluded = docsOf(s, excludedTrackIds);
      int effort = SearchEffort.resolve(searchEffort, s.getIndexReader().numDocs());
      int candidates = Math.max(limit, effort) + excluded.size();
      List<ScoreDoc> kept = new ArrayList<>();
      for (ScoreDoc sd : knn(s, unitQuery, candidates, restriction)) if (!excluded.contains(sd.doc)) kept.add(sd);
      boolean approximateScores = layout.quantization() != CollectionLayout.Quantization.NONE;
      List<ScoreDoc> rescore = approximateScores ? kept : kept.subList(0, Math.min(limit, kept.size()));
      List<ScoreDoc> rescored = new ArrayList<>(rescore.size());
      Map<Integer, float[]> vectors = vectors(s, rescore);
      for (ScoreDoc sd : rescore) rescored.add(new ScoreDoc(sd.doc, Vectors.dot(unitQuery, vectors.get(sd.doc))));
      rescored.sort(BY_SCORE_DESC);
      return hits(s, rescored.subList(0, Math.min(limit, rescored.size())));
    });
  }

  private static ScoreDoc[] knn(IndexSearcher s, float[] unitQuery, int k, Query restriction) throws IOException {
    return s.search(new KnnFloatVectorQuery(VECTOR, unitQuery, k, restriction), k).scoreDocs;
  }

  /**
   * Recommendations from nearest-neighbour candidates, scored with the exact formula. {@code
   * average_vector} and {@code sum_scores} rank along one direction (the average_vector query; for
   * sum_scores, whose score is the dot product with sum(positive) - sum(negative), that sum), so one
   * HNSW search along it ranks them; the liked tracks' neighbours are added as candidates. {@code
   * best_score} ranks by the best similarity to a liked track: the candidates are the union of each
   * liked track's {@code k} nearest neighbours; a point none of them found is no closer to liked
   * track p than p's k-th neighbour, which bounds its score. While fewer than {@code limit}
   * candidates beat that bound, k doubles; past a limit it falls back to the exact scan (so does a
   * request with no liked track). Results are the scan's, up to the recall of HNSW (measured by
   * {@code bench --stages scale}).
   */
  List<Hit> recommend(RecommendStrategy strategy, List<float[]> positive, List<float[]> negative, int limit,
      int searchEffort, Filter filter, Collection<String> excludedTrackIds) {
    // Only negative examples: the answer is what lies farthest from them, which a nearest-neighbour
    // graph does not find; scan (rare, and what Qdrant's own graph search struggles with too).
    if (positive.isEmpty()) return scanRecommend(strategy, positive, negative, limit, filter, excludedTrackIds);
    float[] direction = switch (strategy) {
      case AVERAGE_VECTOR -> Vectors.normalized(Vectors.averageVectorQuery(positive, negative), "average_vector query");
      case SUM_SCORES -> Vectors.sumScoresDirection(positive, negative);
      case BEST_SCORE -> null;
    };
    // All sum_scores equal (the examples cancel out): no direction to search along.
    if (strategy == RecommendStrategy.SUM_SCORES && direction == null) {
      return scanRecommend(strategy, positive, negative, limit, filter, excludedTrackIds);
    }
    // The liked tracks' own neighbours join the search along the query direction: a direction built
    // from tracks of different styles points between clusters, where a graph search alone misses
    // a quarter of the answer (measured at 100k points); the best answers lie near a liked track.
    List<float[]> probes = new ArrayList<>();
    if (direction != null) probes.add(direction);
    probes.addAll(positive);
    Query restriction = LuceneFilters.toQuery(filter, List.of());
    List<Hit> found = withSearcher(s -> {
      Set<Integer> excluded = docsOf(s, excludedTrackIds);
      int total = s.getIndexReader().numDocs();
      int first = Math.max(limit, SearchEffort.resolve(searchEffort, total)) + excluded.size();
      for (int k = first; ; k *= 2) {
        List<ScoreDoc> best = boundedTop(s, strategy, direction, probes, positive, negative, limit, k, restriction, excluded);
        if (best != null) return hits(s, best);
        // Past a few doublings the answer lies far from every example (most points score below
        // the negatives): a scan is then cheaper than ever wider graph searches.
        if (k >= total || k >= Math.max(first, MAX_CANDIDATES_PER_PROBE + excluded.size())) return null;
      }
    });
    return found != null ? found : scanRecommend(strategy, positive, negative, limit, filter, excludedTrackIds);
  }

  /**
   * The best {@code limit} candidates from {@code k} neighbours per probe, or null when they may
   * miss better points. With a query {@code direction} (probe 0) the ranking is along it; without
   * (best_score) every probe is a liked track.
   */
  private List<ScoreDoc> boundedTop(IndexSearcher s, RecommendStrategy strategy, float[] direction, List<float[]> probes,
      List<float[]> positive, List<float[]> negative, int limit, int k, Query restriction, Set<Integer> excluded)
      throws IOException {
    Set<Integer> seen = new HashSet<>();
    List<ScoreDoc> union = new ArrayList<>();
    List<ScoreDoc[]> perProbe = new ArrayList<>();
    for (float[] probe : probes) {
      ScoreDoc[] near = knn(s, probe, k, restriction);
      perProbe.add(near);
      for (ScoreDoc sd : near) if (seen.add(sd.doc)) union.add(sd);
    }
    Map<Integer, float[]> vectors = vectors(s, union);
    List<ScoreDoc> scored = new ArrayList<>(union.size());
    for (ScoreDoc sd : union) {
      if (excluded.contains(sd.doc)) continue;
      float[] v = vectors.get(sd.doc);
      float score = direction != null && strategy == RecommendStrategy.AVERAGE_VECTOR
          ? Vectors.dot(direction, v) : Vectors.recommendScore(strategy, v, positive, negative);
      scored.add(new ScoreDoc(sd.doc, score));
    }
    scored.sort(BY_SCORE_DESC);
    List<ScoreDoc> best = scored.subList(0, Math.min(limit, scored.size()));
    if (direction != null) {
      // Ranked by one direction (probe 0): complete unless exclusions left fewer than asked while more exist.
      boolean exhausted = perProbe.get(0).length < k;
      return best.size() == limit || exhausted ? best : null;
    }
    // A point no probe found is at most as similar to example p as p's k-th neighbour.
    float bound = Float.NEGATIVE_INFINITY;
    for (int p = 0; p < probes.size(); p++) {
      ScoreDoc[] near = perProbe.get(p);
      if (near.length < k) continue; // this probe saw every point the filter allows
      bound = Math.max(bound, Vectors.dot(probes.get(p), vectors.get(near[near.length - 1].doc)));
    }
    if (bound == Float.NEGATIVE_INFINITY) return best;
    if (best.size() < limit) return null;
    return best.get(limit - 1).score > Recommendation.sigmoid(bound) ? best : null;
  }

  /**
   * Exact scan of every point that passes the filter, scored against all examples: the reference
   * the bounded path falls back to when candidates cannot decide (examples that cancel out, or too
   * few points scoring above the bound).
   */
  List<Hit> scanRecommend(RecommendStrategy strategy, List<float[]> positive, List<float[]> negative, int limit,
      Filter filter, Collection<String> excludedTrackIds) {
    Query restriction = LuceneFilters.toQuery(filter, pointIds(excludedTrackIds));
    Query scope = restriction == null ? new MatchAllDocsQuery() : restriction;
    return withSearcher(s -> {
      List<ScoreDoc> top = s.search(scope, new TopByScoring(limit, strategy, positive, negative));
      return hits(s, top);
    });
  }

  /** Global doc ids of the given tracks. */
  private static Set<Integer> docsOf(IndexSearcher s, Collection<String> trackIds) throws IOException {
    if (trackIds.isEmpty()) return Set.of();
    Set<Integer> docs = new HashSet<>();
    for (ScoreDoc sd : s.search(LuceneFilters.terms(LuceneFilters.ID, pointIds(trackIds)), trackIds.size()).scoreDocs) {
      docs.add(sd.doc);
    }
    return docs;
  }

  /** Stored vectors of the given docs, read leaf by leaf in doc order (one vector reader per leaf). */
  private static Map<Integer, float[]> vectors(IndexSearcher s, List<ScoreDoc> docs) throws IOException {
    int[] sorted = docs.stream().mapToInt(sd -> sd.doc).distinct().sorted().toArray();
    Map<Integer, float[]> out = new HashMap<>(sorted.length * 2);
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    FloatVectorValues values = null;
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    for (int doc : sorted) {
      int li = ReaderUtil.subIndex(doc, leaves);
      if (li != leafIndex) {
        leafIndex = li;
        leaf = leaves.get(li);
        values = leaf.reader().getFloatVectorValues(VECTOR);
      }
      int local = doc - leaf.docBase;
      if (values == null || values.advance(local) != local) {
        throw new StoreException("point without a vector in " + s.getIndexReader());
      }
      out.put(doc, values.vectorValue().clone());
    }
    return out;
  }

  private List<Hit> hits(IndexSearcher s, List<ScoreDoc> docs) throws IOException {
    List<Hit> hits = new ArrayList<>(docs.size());
    for (ScoreDoc sd : docs) {
      Map<String, Object> payload = payload(s, sd.doc);
      hits.add(new Hit((String) payload.get("track_id"), sd.score, payload));
    }
    return hits;
  }

  private void checkDimension(int length) {
    if (length != layout.dimension()) {
      throw new StoreException("query vector has dimension " + length + " but collection '" + name
          + "' holds " + layout.dimension() + "-d vectors");
    }
  }

  private static Map<String, Object> payload(IndexSearcher s, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    return new PayloadField.Reader(leaf.reader()).read(doc - leaf.docBase);
  }

  private static float[] vector(IndexSearcher s, int doc) throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
    if (values == null || values.advance(doc - leaf.docBase) != doc - leaf.docBase) {
      throw new StoreException("point without a vector in " + s.getIndexReader());
    }
    return values.vectorValue().clone();
  }

  private static final Comparator<ScoreDoc> BY_SCORE_DESC =
      Comparator.<ScoreDoc>comparingDouble(sd -> -sd.score).thenComparingInt(sd -> sd.doc);

  /** Keeps the best {@code limit} documents by a recommend score computed from stored vectors. */
  private static final class TopByScoring implements CollectorManager<SimpleCollector, List<ScoreDoc>> {
    private final int limit;
    private final RecommendStrategy strategy;
    private final List<float[]> positive;
    private final List<float[]> negative;

    TopByScoring(int limit, RecommendStrategy strategy, List<float[]> positive, List<float[]> negative) {
      this.limit = limit;
      this.strategy = strategy;
      this.positive = positive;
      this.negative = negative;
    }

    @Override
    public SimpleCollector newCollector() {
      return new Scan();
    }

    @Override
    public List<ScoreDoc> reduce(Collection<SimpleCollector> collectors) {
      List<ScoreDoc> all = new ArrayList<>();
      for (SimpleCollector c : collectors) all.addAll(((Scan) c).best);
      all.sort(BY_SCORE_DESC);
      return all.subList(0, Math.min(limit, all.size()));
    }

    private final class Scan extends SimpleCollector {
      final PriorityQueue<ScoreDoc> best = new PriorityQueue<>(BY_SCORE_DESC.reversed());
      FloatVectorValues values;
      int docBase;

      @Override
      protected void doSetNextReader(LeafReaderContext context) throws IOException {
        values = context.reader().getFloatVectorValues(VECTOR);
        docBase = context.docBase;
      }

      @Override
      public void collect(int doc) throws IOException {
        if (values == null) return;
        int at = values.docID() < doc ? values.advance(doc) : values.docID();
        if (at != doc) return;
        float score = Vectors.recommendScore(strategy, values.vectorValue(), positive, negative);
        best.add(new ScoreDoc(docBase + doc, score));
        if (best.size() > limit) best.poll();
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
      }
    }
  }

  private interface SearcherWork<T> {
    T run(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherWork<T> work) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return work.run(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("embedded collection '" + name + "' at " + dir, e);
    }
  }

  private static Term idTerm(String trackId) {
    return new Term(LuceneFilters.ID, PointIds.of(trackId).toString());
  }

  private static List<String> pointIds(Collection<String> trackIds) {
    return trackIds.stream().map(t -> PointIds.of(t).toString()).toList();
  }

  @Override
  public synchronized void close() {
    try {
      if (writer != null) {
        writer.close();
        writer = null;
      }
      searchers.close();
      directory.close();
    } catch (IOException e) {
      throw new StoreException("cannot close embedded collection '" + name + "' at " + dir, e);
    }
  }

}
