package io.musicrec.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The policy every store shares, written once: dimension checks, versions behind an alias
 * ({@code <alias>_<yyyyMMddHHmmssSSS>}), completeness marks, the checks before an alias switch,
 * and which old versions a cleanup drops ({@code keep_versions}). A store supplies the primitives
 * below (list, create, mark, point an alias) plus points and queries; a new store is those and one
 * subclass of the store conformance suite ({@code StoreConformanceTest}).
 */
public abstract class AbstractVectorStore implements VectorStore {
  private final Clock clock;

  protected AbstractVectorStore(Clock clock) {
    this.clock = clock;
  }

  // ---- primitives ----

  /** The names of the collections (not aliases) the store holds. */
  protected abstract List<String> collectionNames();

  /** The collections that carry a completeness mark. */
  protected abstract Set<String> completeCollections();

  /** Marks an existing collection complete; repeating it is harmless. */
  protected abstract void writeCompleteMark(String collection);

  /** Creates a collection that does not exist yet. */
  protected abstract void createCollection(CollectionSpec spec);

  /**
   * Points {@code alias} at the existing {@code collection} in one atomic step (readers see the
   * old target or the new one); {@code alias} is known not to name a collection.
   */
  protected abstract void pointAlias(String alias, String collection);

  /**
   * Runs a step that reads the store's collections and then changes them. The embedded store runs
   * these one at a time within the JVM; a server store applies each change atomically itself.
   */
  protected <T> T exclusively(Supplier<T> step) {
    return step.get();
  }

  /**
   * The layout an existing collection (or alias) was created with, as far as this store keeps it;
   * settings it does not use read as 0 (its default). Read back by tests and tools, not by jobs.
   */
  public abstract Optional<CollectionLayout> layout(String collection);

  // ---- policy ----

  @Override
  public final void ensureCollection(CollectionSpec spec) {
    exclusively(() -> {
      Optional<Integer> existing = dimension(spec.name());
      if (existing.isPresent()) {
        if (existing.get() != spec.dimension()) throw dimensionMismatch(spec.name(), existing.get(), spec.dimension());
        return null;
      }
      if (aliasTarget(spec.name()).isPresent()) {
        throw new StoreException("alias '" + spec.name() + "' points to a missing collection");
      }
      createCollection(spec);
      return null;
    });
  }

  /** The one message for a collection asked for with another dimension than it holds. */
  public static StoreException dimensionMismatch(String collection, int holds, int requested) {
    return new StoreException("collection '" + collection + "' holds " + holds + "-d vectors but " + requested
        + "-d were requested: use the model it was built with, another collection name, or rebuild it (--mode rebuild)");
  }

  /**
   * Complete versions {@code <alias>_<timestamp>}, oldest first: those {@link #markComplete marked}
   * after a load finished. Only these count as versions (for keep_versions and rollback).
   */
  @Override
  public final List<String> listVersions(String alias) {
    Set<String> complete = completeCollections();
    return CollectionNames.versionsOf(alias, collectionNames()).stream().filter(complete::contains).toList();
  }

  @Override
  public final List<String> incompleteVersions(String alias) {
    Set<String> complete = completeCollections();
    return CollectionNames.versionsOf(alias, collectionNames()).stream().filter(v -> !complete.contains(v)).toList();
  }

  @Override
  public final void markComplete(String collection) {
    if (!collectionNames().contains(collection)) {
      throw new StoreException("cannot mark missing collection '" + collection + "' as complete");
    }
    writeCompleteMark(collection);
  }

  @Override
  public final String createVersion(CollectionSpec spec) {
    return exclusively(() -> {
      List<String> existing = collectionNames();
      if (existing.contains(spec.name())) throw collectionIsNotAnAlias(spec.name());
      String version = CollectionNames.nextVersion(spec.name(), existing, clock);
      createCollection(spec.withName(version));
      return version;
    });
  }

  /** Checks both names, switches, and reads the alias back: another process may have changed it meanwhile. */
  @Override
  public final void switchAlias(String alias, String collection) {
    exclusively(() -> {
      List<String> names = collectionNames();
      if (names.contains(alias)) throw collectionIsNotAnAlias(alias);
      if (!names.contains(collection)) {
        throw new StoreException("cannot point alias '" + alias + "' at missing collection '" + collection + "'");
      }
      pointAlias(alias, collection);
      Optional<String> now = aliasTarget(alias);
      if (!now.equals(Optional.of(collection))) {
        throw new StoreException("alias '" + alias + "' points to " + now.map(c -> "'" + c + "'").orElse("nothing")
            + " after switching it to '" + collection + "': another process changed it meanwhile; check and rerun");
      }
      return null;
    });
  }

  @Override
  public final List<String> dropOldVersions(String alias, int keep) {
    return exclusively(() -> {
      String live = aliasTarget(alias).orElse(null);
      Set<String> complete = completeCollections();
      List<String> all = CollectionNames.versionsOf(alias, collectionNames());
      List<String> drop = CollectionNames.versionsToDrop(all.stream().filter(complete::contains).toList(),
          all.stream().filter(v -> !complete.contains(v)).toList(), keep, live);
      drop.forEach(this::dropCollection);
      return drop;
    });
  }

  private static StoreException collectionIsNotAnAlias(String name) {
    return new StoreException("'" + name + "' is a collection, so it cannot also be an alias: "
        + "drop it or choose another collection name");
  }
}
