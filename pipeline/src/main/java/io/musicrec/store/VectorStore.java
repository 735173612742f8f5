package io.musicrec.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vector index of tracks with Qdrant's query semantics. Wherever a method takes a collection
 * name, an alias may stand in for it. Two implementations: {@code EmbeddedStore} (Lucene, in the
 * JVM) and {@code QdrantStore} (gRPC); both are opened by {@link VectorStores#open} and extend
 * {@link AbstractVectorStore}, which holds the policy they share (versions, aliases, marks).
 */
public interface VectorStore extends AutoCloseable {

  /**
   * One quick call, without retries, that fails with a message naming the fix when the store
   * cannot be reached: jobs check this before any work rather than retrying into a dead server.
   */
  void checkReachable();

  // ---- collections ----

  /** Creates the collection, or checks that an existing one has the same dimension. */
  void ensureCollection(CollectionSpec spec);

  /** The dimension of an existing collection (or the collection an alias points to). */
  Optional<Integer> dimension(String collection);

  boolean exists(String collection);

  /** Drops a collection and its points; a missing collection is not an error. */
  void dropCollection(String collection);

  // ---- points ----

  /** Inserts or overwrites points (by track id), all acknowledged and searchable on return. */
  void upsert(String collection, List<Point> points);

  /** A batching, retrying writer for bulk ingest; see {@link BulkWriter}. */
  BulkWriter bulkWriter(String collection);

  /**
   * Called once after a full or rebuild load, before the collection goes live: the store may
   * compact what the load wrote so that searches run at full speed (the embedded store merges its
   * segments into one HNSW graph). Returns when that is done; a no-op where nothing needs it.
   */
  default void finishLoad(String collection) {}

  /** The stored points (normalised vectors and payload) of the given tracks that exist. */
  List<Point> retrieve(String collection, Collection<String> trackIds);

  long count(String collection);

  /** Deletes the given tracks; unknown ids are ignored. */
  void delete(String collection, Collection<String> trackIds);

  /**
   * Every track id with the requested payload fields (missing fields map to null), read in pages.
   * Incremental runs use it to compare {@code content_hash} and {@code model} with the source.
   */
  default Map<String, Map<String, Object>> listPayloads(String collection, Collection<String> fields) {
    return listPayloads(collection, fields, Integer.MAX_VALUE);
  }

  /** The first {@code limit} tracks in the store's own order, with the requested payload fields. */
  Map<String, Map<String, Object>> listPayloads(String collection, Collection<String> fields, int limit);

  // ---- queries ----

  /** The {@code limit} nearest points to {@code vector} by cosine that pass {@code filter}. */
  List<Hit> search(String collection, float[] vector, int limit, Filter filter);

  /**
   * "Tracks like this one": nearest neighbours of the track's stored vector, the track itself
   * excluded (as Qdrant does for queries by point id).
   */
  List<Hit> searchByTrack(String collection, String trackId, int limit, Filter filter);

  /** Recommendations from example tracks; see {@link Recommendation} for the exact scoring. */
  List<Hit> recommend(String collection, Recommendation request);

  // ---- versions behind an alias (blue/green) ----

  /**
   * Complete versions {@code <alias>_<timestamp>}, oldest first: those {@link #markComplete marked}
   * after a load finished. Only these count as versions (for keep_versions and rollback).
   */
  List<String> listVersions(String alias);

  /** Versions of {@code alias} never marked complete (a run failed or was killed while loading), oldest first. */
  List<String> incompleteVersions(String alias);

  /** Records that {@code collection} holds a finished load; the mark goes with the collection. */
  void markComplete(String collection);

  /** The collection the alias points to, if the alias exists. */
  Optional<String> aliasTarget(String alias);

  /** Creates an empty versioned collection {@code <spec.name>_<yyyyMMddHHmmssSSS>}; returns its name. */
  String createVersion(CollectionSpec spec);

  /**
   * Points the alias at {@code collection}, an existing collection, in one atomic step: readers
   * see the old target or the new one, never none, and a failed switch leaves the old target.
   */
  void switchAlias(String alias, String collection);

  /**
   * Drops complete versions of {@code alias} beyond the {@code keep} newest, and incomplete
   * versions older than the one the alias points to (leftovers of failed runs; newer ones may be
   * a run still loading). The version the alias points to is always kept. Returns the dropped names.
   */
  List<String> dropOldVersions(String alias, int keep);

  @Override
  void close();
}
