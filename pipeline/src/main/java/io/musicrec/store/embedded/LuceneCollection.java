package io.musicrec.store.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Point;
import io.musicrec.store.PointIds;
import io.musicrec.store.RecommendStrategy;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
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
 * normalised vector (HNSW, dot product = cosine on unit vectors), the payload as stored JSON and a
 * keyword field per string value for filters.
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
  private static final String PAYLOAD = "payload";
  private static final Set<String> PAYLOAD_ONLY = Set.of(PAYLOAD);

  private final String name;
  private final Path dir;
  private final Layout layout;
  private final int searchEffort;
  private final Directory directory;
  private final SearcherManager searchers;
  private IndexWriter writer; // guarded by this

  /** What collection.json holds. */
  record Layout(int dimension, boolean onDiskVectors, CollectionLayout.Quantization quantization, int maxConn, int beamWidth) {}

  private LuceneCollection(String name, Path dir, Layout layout, int searchEffort) throws IOException {
    this.name = name;
    this.dir = dir;
    this.layout = layout;
    this.searchEffort = searchEffort;
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

  static LuceneCollection open(String name, Path dir, EmbeddedOptions options) throws IOException {
    Layout layout = JSON.readValue(dir.resolve(SPEC_FILE).toFile(), Layout.class);
    return new LuceneCollection(name, dir, layout, options.searchEffort());
  }

  private static IndexWriterConfig config(Layout layout) {
    return new IndexWriterConfig()
        .setCodec(new HighDimensionCodec(layout.maxConn(), layout.beamWidth(),
            layout.quantization() == CollectionLayout.Quantization.INT8))
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
    if (writer == null) writer = new IndexWriter(directory, config(layout));
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
    doc.add(new StoredField(PAYLOAD, PayloadJson.write(p.payload())));
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
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc() && out.size() < limit; doc++) {
          if (live != null && !live.get(doc)) continue;
          Map<String, Object> payload = PayloadJson.read(stored.document(doc, PAYLOAD_ONLY).get(PAYLOAD));
          Map<String, Object> picked = new LinkedHashMap<>();
          for (String f : fields) picked.put(f, payload.get(f));
          out.put((String) payload.get("track_id"), picked);
        }
      }
      return out;
    });
  }

  /**
   * Approximate nearest neighbours by HNSW with the filter applied inside the graph search; the
   * {@code max(limit, searchEffort)} candidates are rescored exactly against the stored vectors.
   */
  List<Hit> search(float[] unitQuery, int limit, Filter filter, Collection<String> excludedTrackIds) {
    checkDimension(unitQuery.length);
    Query restriction = LuceneFilters.toQuery(filter, pointIds(excludedTrackIds));
    int candidates = Math.max(limit, searchEffort);
    return withSearcher(s -> {
      ScoreDoc[] found = s.search(new KnnFloatVectorQuery(VECTOR, unitQuery, candidates, restriction), candidates).scoreDocs;
      List<ScoreDoc> rescored = new ArrayList<>(found.length);
      for (ScoreDoc sd : found) rescored.add(new ScoreDoc(sd.doc, Vectors.dot(unitQuery, vector(s, sd.doc))));
      rescored.sort(BY_SCORE_DESC);
      return hits(s, rescored.subList(0, Math.min(limit, rescored.size())));
    });
  }

  /**
   * {@code best_score} / {@code sum_scores}: exact scan of every point that passes the filter,
   * scored against all examples. Linear in the collection size, which the embedded scale affords
   * (100k x 2048-d is well under a second), and exact, so it agrees with Qdrant's definition.
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
    return PayloadJson.read(s.storedFields().document(doc, PAYLOAD_ONLY).get(PAYLOAD));
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
