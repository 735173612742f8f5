package io.musicrec.store.embedded;

import io.musicrec.runtime.JvmShared;
import io.musicrec.store.AbstractVectorStore;
import io.musicrec.store.BulkWriter;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionNames;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Point;
import io.musicrec.store.Recommendation;
import io.musicrec.store.StoreException;
import io.musicrec.store.Vectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default store: Lucene HNSW indexes on local disk, in the JVM, no server.
 *
 * <p>Layout under the root directory: one folder per collection ({@code DIR/<name>/}, versions
 * named {@code <alias>_<yyyyMMddHHmmssSSS>}) and one small file per alias ({@code
 * DIR/<alias>.alias}, holding the target's name) that is replaced atomically on a switch. A
 * version whose load finished holds an empty {@code COMPLETE} file.
 *
 * <p>Writers: Lucene allows one writing process per index (a write lock in the index folder), so
 * the indexing job writes an embedded store from one JVM (the driver, or local-mode tasks, which
 * share that JVM). Within a JVM all {@code EmbeddedStore} instances on the same directory share
 * one open collection (see {@link io.musicrec.runtime.PerJvm}), so concurrent tasks can write
 * through their own store objects; the options that differ per store (search effort, write batch)
 * stay with each store. Readers in other processes (e.g. {@code musicrec query}) see the last
 * commit and never block writers.
 */
public final class EmbeddedStore extends AbstractVectorStore {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
  private static final String ALIAS_SUFFIX = ".alias";
  private static final String COMPLETE_FILE = "COMPLETE";
  /**
   * Open collections of this JVM, one per folder, shared by every store on it and closed by the
   * last store that used it. Its lock also serialises the steps that list and change folders.
   */
  private static final JvmShared<Path, LuceneCollection> OPEN = new JvmShared<>("embedded collection");

  private final Path root;
  private final EmbeddedOptions options;
  private final Map<Path, LuceneCollection> held = new HashMap<>(); // guarded by OPEN
  private boolean closed; // guarded by OPEN

  private EmbeddedStore(Path root, EmbeddedOptions options, Clock clock) {
    super(clock);
    this.root = root;
    this.options = options;
  }

  public static EmbeddedStore open(Path root, EmbeddedOptions options) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StoreException("cannot create the embedded store directory " + root.toAbsolutePath()
          + ": check the path and its permissions", e);
    }
    return new EmbeddedStore(root.toAbsolutePath().normalize(), options, Clock.systemUTC());
  }

  public Path root() {
    return root;
  }

  // ---- collections ----

  @Override
  protected <T> T exclusively(Supplier<T> step) {
    synchronized (OPEN) {
      return step.get();
    }
  }

  @Override
  protected void createCollection(CollectionSpec spec) {
    logIgnored(spec);
    try {
      LuceneCollection.create(folder(spec.name()), spec, options);
    } catch (IOException e) {
      throw new StoreException("cannot create embedded collection '" + spec.name() + "' in " + root, e);
    }
  }

  /** Lucene has no shards, replicas or typed payload indexes; say so rather than drop them silently. */
  private static void logIgnored(CollectionSpec spec) {
    CollectionLayout layout = spec.layout();
    List<String> ignored = new ArrayList<>();
    if (layout.shardNumber() > 1) ignored.add("shard_number=" + layout.shardNumber());
    if (layout.replicationFactor() > 1) ignored.add("replication_factor=" + layout.replicationFactor());
    if (layout.writeConsistencyFactor() > 1) ignored.add("write_consistency_factor=" + layout.writeConsistencyFactor());
    layout.payloadIndexes().forEach((field, type) -> {
      if (type != CollectionLayout.PayloadIndex.KEYWORD) ignored.add("payload index " + field + ": " + type.lowerName());
    });
    if (!layout.onDiskVectors()) ignored.add("on_disk_vectors=false (vectors are always on disk, memory-mapped)");
    if (!ignored.isEmpty()) {
      LOG.info("embedded collection {}: ignoring {} (they apply to Qdrant; every string payload value is a keyword"
          + " filter here)", spec.name(), String.join(", ", ignored));
    }
  }

  @Override
  public Optional<CollectionLayout> layout(String collection) {
    if (!exists(collection)) return Optional.empty();
    LuceneCollection.Layout l = collection(collection).layout();
    return Optional.of(new CollectionLayout(true, l.quantization(), l.maxConn(), l.beamWidth(), 0, 0, 0, java.util.Map.of()));
  }

  @Override
  public Optional<Integer> dimension(String collection) {
    Path dir = folder(resolve(collection));
    if (!LuceneCollection.existsAt(dir)) return Optional.empty();
    return Optional.of(collection(collection).dimension());
  }

  @Override
  public boolean exists(String collection) {
    return LuceneCollection.existsAt(folder(resolve(collection)));
  }

  @Override
  public void dropCollection(String collection) {
    synchronized (OPEN) {
      Path dir = folder(CollectionNames.requireValid(collection));
      OPEN.close(dir);
      held.remove(dir);
      for (String alias : aliases()) {
        if (aliasTarget(alias).orElse("").equals(collection)) deleteQuietly(aliasFile(alias));
      }
      if (Files.exists(dir)) deleteTree(dir);
    }
  }

  // ---- points ----

  @Override
  public void upsert(String collection, List<Point> points) {
    LuceneCollection c = collection(collection);
    c.write(points);
    c.commit();
  }

  @Override
  public BulkWriter bulkWriter(String collection) {
    return new EmbeddedBulkWriter(collection(collection), options.writeBatchPoints());
  }

  /** Merges the collection into one segment: one HNSW graph per query instead of one per segment. */
  @Override
  public void finishLoad(String collection) {
    collection(collection).finishLoad();
  }

  @Override
  public List<Point> retrieve(String collection, Collection<String> trackIds) {
    return collection(collection).retrieve(trackIds);
  }

  @Override
  public long count(String collection) {
    return collection(collection).count();
  }

  @Override
  public void delete(String collection, Collection<String> trackIds) {
    collection(collection).delete(trackIds);
  }

  @Override
  public Map<String, Map<String, Object>> listPayloads(String collection, Collection<String> fields, int limit) {
    return collection(collection).listPayloads(fields, limit);
  }

  // ---- queries ----

  @Override
  public List<Hit> search(String collection, float[] vector, int limit, Filter filter) {
    return collection(collection).search(Vectors.normalized(vector, "query vector"), limit, options.searchEffort(),
        orNone(filter), List.of());
  }

  @Override
  public List<Hit> searchByTrack(String collection, String trackId, int limit, Filter filter) {
    LuceneCollection c = collection(collection);
    float[] vector = vectorsOf(c, collection, List.of(trackId)).get(0);
    return c.search(vector, limit, options.searchEffort(), orNone(filter), List.of(trackId));
  }

  @Override
  public List<Hit> recommend(String collection, Recommendation r) {
    LuceneCollection c = collection(collection);
    List<float[]> positive = vectorsOf(c, collection, r.positive());
    List<float[]> negative = vectorsOf(c, collection, r.negative());
    List<String> examples = new ArrayList<>(r.positive());
    examples.addAll(r.negative());
    return c.recommend(r.strategy(), positive, negative, r.limit(), options.searchEffort(), r.filter(), examples);
  }

  private static List<float[]> vectorsOf(LuceneCollection c, String collection, List<String> trackIds) {
    Map<String, float[]> byId = new HashMap<>();
    for (Point p : c.retrieve(trackIds)) byId.put(p.trackId(), p.vector());
    List<float[]> vectors = new ArrayList<>(trackIds.size());
    for (String id : trackIds) {
      float[] v = byId.get(id);
      if (v == null) throw new StoreException("no track '" + id + "' in collection '" + collection + "'");
      vectors.add(v);
    }
    return vectors;
  }

  private static Filter orNone(Filter f) {
    return f == null ? Filter.NONE : f;
  }

  // ---- versions: the primitives under AbstractVectorStore's policy ----

  @Override
  protected List<String> collectionNames() {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(LuceneCollection::existsAt).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Set<String> completeCollections() {
    return Set.copyOf(collectionNames().stream().filter(c -> Files.isRegularFile(folder(c).resolve(COMPLETE_FILE))).toList());
  }

  @Override
  protected void writeCompleteMark(String collection) {
    try {
      Files.writeString(folder(CollectionNames.requireValid(collection)).resolve(COMPLETE_FILE), "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot mark collection '" + collection + "' complete in " + root, e);
    }
  }

  /** Opening the store already took its folder and write lock; nothing remote to reach. */
  @Override
  public void checkReachable() {}

  @Override
  public Optional<String> aliasTarget(String alias) {
    Path file = aliasFile(alias);
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void pointAlias(String alias, String collection) {
    Path tmp = root.resolve("." + CollectionNames.requireValid(alias) + ALIAS_SUFFIX + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(tmp, collection + "\n", StandardCharsets.UTF_8);
      // Readers open the alias file by name: rename(2) swaps it in one step, never absent.
      Files.move(tmp, aliasFile(alias), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw new StoreException("cannot switch alias '" + alias + "' in " + root, e);
    }
  }

  // ---- plumbing ----

  private String resolve(String name) {
    return aliasTarget(CollectionNames.requireValid(name)).orElse(name);
  }

  private Path folder(String collection) {
    return root.resolve(collection);
  }

  private Path aliasFile(String alias) {
    return root.resolve(CollectionNames.requireValid(alias) + ALIAS_SUFFIX);
  }

  private List<String> aliases() {
    try (Stream<Path> children = Files.list(root)) {
      return children.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(ALIAS_SUFFIX) && !n.startsWith("."))
          .map(n -> n.substring(0, n.length() - ALIAS_SUFFIX.length()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The open collection behind a name or alias, opened (and shared JVM-wide) on first use. */
  private LuceneCollection collection(String name) {
    String resolved = resolve(name);
    Path dir = folder(resolved);
    synchronized (OPEN) {
      if (closed) throw new IllegalStateException("store is closed");
      LuceneCollection mine = held.get(dir);
      if (mine != null) return mine;
      if (!LuceneCollection.existsAt(dir)) {
        throw new StoreException("no collection '" + name + "' in embedded store " + root
            + ": run the index job first, or check the collection name");
      }
      LuceneCollection shared = OPEN.acquire(dir, d -> {
        try {
          return LuceneCollection.open(resolved, d);
        } catch (IOException e) {
          throw new StoreException("cannot open embedded collection '" + resolved + "' at " + d, e);
        }
      });
      held.put(dir, shared);
      return shared;
    }
  }

  @Override
  public void close() {
    synchronized (OPEN) {
      if (closed) return;
      closed = true;
      held.forEach(OPEN::release);
      held.clear();
    }
  }

  @Override
  public String toString() {
    return "EmbeddedStore[" + root + "]";
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new StoreException("cannot delete " + dir, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a stray temp file does not change what the alias points to
    }
  }
}
