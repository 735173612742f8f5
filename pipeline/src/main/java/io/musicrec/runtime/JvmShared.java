package io.musicrec.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances shared by everything in one JVM, one per key; the key must hold everything that makes
 * two instances differ, so a caller with other settings gets its own instance. Two lifetimes:
 *
 * <ul>
 *   <li>{@link #get}: lives for the JVM (an executor's store or model, shared by all its tasks)
 *       until {@link #close(Object)} or {@link #closeAll()}; a shutdown hook closes what is left.
 *   <li>{@link #acquire}/{@link #release}: counted; the last holder's release closes it (the
 *       embedded store's open Lucene collections, one per folder).
 * </ul>
 *
 * Opening runs under this registry's lock, so a key is opened once; callers may also synchronize
 * on the registry to make a sequence of steps atomic with respect to every other caller.
 */
public final class JvmShared<K, V extends AutoCloseable> {
  private static final Logger LOG = LoggerFactory.getLogger(JvmShared.class);

  private final String what;
  private final Map<K, Entry<V>> open = new LinkedHashMap<>();

  private static final class Entry<V> {
    final V value;
    int holders;

    Entry(V value) {
      this.value = value;
    }
  }

  /** {@code what} names the instances in log lines, e.g. "vector store". */
  public JvmShared(String what) {
    this.what = what;
    Runtime.getRuntime().addShutdownHook(new Thread(this::closeAll, "musicrec-close-" + what.replace(' ', '-')));
  }

  /** The instance for {@code key}, opened by {@code opener} on first use; it stays until closed. */
  public synchronized V get(K key, Function<? super K, ? extends V> opener) {
    return entry(key, opener).value;
  }

  /** Like {@link #get}, counting the caller as a holder until its {@link #release}. */
  public synchronized V acquire(K key, Function<? super K, ? extends V> opener) {
    Entry<V> entry = entry(key, opener);
    entry.holders++;
    return entry.value;
  }

  /**
   * One holder of {@code value} lets go; the last one closes it. Ignored when {@code key} now maps
   * to another instance (the one this holder had was closed by {@link #close(Object)} meanwhile).
   */
  public synchronized void release(K key, V value) {
    Entry<V> entry = open.get(key);
    if (entry != null && entry.value == value && --entry.holders <= 0) close(key);
  }

  /** Closes and forgets the instance for {@code key} now, whoever holds it; a later call opens a new one. */
  public synchronized void close(K key) {
    Entry<V> entry = open.remove(key);
    if (entry != null) closeQuietly(key, entry.value);
  }

  /** Closes every instance; later calls open new ones. */
  public void closeAll() {
    List<Map.Entry<K, Entry<V>>> all;
    synchronized (this) {
      all = new ArrayList<>(open.entrySet());
      open.clear();
    }
    all.forEach(e -> closeQuietly(e.getKey(), e.getValue().value));
  }

  /** Whether an instance for {@code key} is open. */
  public synchronized boolean isOpen(K key) {
    return open.containsKey(key);
  }

  private Entry<V> entry(K key, Function<? super K, ? extends V> opener) {
    Entry<V> entry = open.get(key);
    if (entry == null) {
      entry = new Entry<>(opener.apply(key));
      open.put(key, entry);
    }
    return entry;
  }

  private void closeQuietly(K key, V value) {
    try {
      value.close();
    } catch (Exception e) {
      // Closing happens at the end of a job or JVM: report it, never mask the run's own outcome.
      LOG.warn("closing the {} for {} failed: {}", what, key, e.toString());
    }
  }
}
