package io.musicrec.jobs.bench;

import io.musicrec.store.CollectionLayout;
import io.musicrec.store.SearchEffort;
import io.musicrec.store.embedded.HighDimensionCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * The reference: Lucene 9.12 used directly, as a Lucene user would for the same job. One
 * document per point (stored id, genre keyword, unit vector, dot product), the same HNSW
 * parameters (M, beam width) and write buffer as the embedded store, several threads adding
 * documents, one commit, a force-merge to one segment, one reader. A query asks HNSW for as many
 * candidates as the embedded store's search effort at this size and keeps the best 10, so both
 * sides explore the same part of the graph.
 */
final class LuceneScaleSide implements ScaleSide {
  private static final String VECTOR = "v";
  private final Path dir;
  private final CollectionLayout.Quantization quantization;
  private final ScaleOptions.Graph graph;
  private int candidates = SearchEffort.BASE;
  private FSDirectory directory;
  private DirectoryReader reader;
  private IndexSearcher searcher;

  LuceneScaleSide(Path dir, CollectionLayout.Quantization quantization, ScaleOptions.Graph graph) {
    this.dir = dir;
    this.quantization = quantization;
    this.graph = graph;
  }

  @Override
  public LoadTimes load(ScaleVectors vectors, long points, int threads, LoadProgress progress) throws Exception {
    directory = FSDirectory.open(dir);
    IndexWriterConfig config = new IndexWriterConfig()
        .setCodec(new HighDimensionCodec(graph.m(), graph.efConstruct(), quantization == CollectionLayout.Quantization.INT8))
        .setRAMBufferSizeMB(ramBufferMb());
    long t0 = System.nanoTime();
    long t1;
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      ScaleSide.parallel(threads, t -> {
        for (long i = t; i < points; i += threads) {
          Document doc = new Document();
          doc.add(new StringField("id", Long.toString(i), Field.Store.YES));
          doc.add(new StringField("genre", ScaleVectors.genre(i), Field.Store.NO));
          doc.add(new KnnFloatVectorField(VECTOR, vectors.unitVector(i), VectorSimilarityFunction.DOT_PRODUCT));
          writer.addDocument(doc);
          progress.added();
        }
      });
      writer.commit();
      t1 = System.nanoTime();
      progress.finishing();
      writer.forceMerge(1);
      writer.commit();
    }
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
    long t2 = System.nanoTime();
    if (reader.numDocs() != points) throw new IllegalStateException("raw Lucene holds " + reader.numDocs() + " points");
    return new LoadTimes((t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  /** The embedded store's bulk-load buffer: a quarter of the heap, at most 1 GB. */
  static double ramBufferMb() {
    return Math.max(16, Math.min(1024, Runtime.getRuntime().maxMemory() / 4.0 / (1024 * 1024)));
  }

  @Override
  public void searchEffort(int effort) {
    candidates = SearchEffort.resolve(effort, reader.numDocs());
  }

  @Override
  public List<Long> search(float[] unitQuery, String genre) throws IOException {
    KnnFloatVectorQuery query = new KnnFloatVectorQuery(VECTOR, unitQuery, candidates,
        genre == null ? null : new TermQuery(new Term("genre", genre)));
    ScoreDoc[] top = searcher.search(query, ExactAnswers.K).scoreDocs;
    StoredFields stored = searcher.storedFields();
    List<Long> ids = new ArrayList<>(top.length);
    for (ScoreDoc sd : top) ids.add(Long.parseLong(stored.document(sd.doc).get("id")));
    return ids;
  }

  @Override
  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) reader.close();
    if (directory != null) directory.close();
  }
}
