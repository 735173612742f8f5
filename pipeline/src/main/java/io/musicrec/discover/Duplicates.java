package io.musicrec.discover;

import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds near-duplicate tracks on any {@link VectorStore}: each track's nearest neighbours with a
 * cosine at or above the threshold are linked, and linked tracks form groups (single linkage,
 * union-find). Marks the groups in the payload so that queries can collapse them.
 */
public final class Duplicates {
  /** Payload key: the group's id (its first member) on every member of a duplicate group. */
  public static final String GROUP = "duplicate_group";
  /**
   * The lowest cosine for "same recording" when nothing else is known, chosen by measurement on
   * real recordings and re-encoded copies of them with the built-in model (README
   * "Near-duplicates", DuplicateDetectionTest): the strict end, where no two different recordings
   * were grouped.
   */
  public static final double DEFAULT_THRESHOLD = 0.998;

  /**
   * Measured thresholds per model (payload {@code model}): the lowest tried with pair precision
   * 1.0 on the measurement set, one step up for margin. logmel v2: 0.995 (0.99 merged recordings);
   * musicnn-msd: 0.96 (recall 0.90; 0.95 merged two recordings). musicnn-mtt: 0.82 (0.80 merged
   * recordings), one step up 0.85, but recall stays 1.0 up to 0.90 and two distinct tracks of the
   * whole fixture reach 0.8827 (0.85 grouped 15 of its 29 recordings; 0.90 none): 0.90.
   */
  private static final Map<String, Double> MEASURED =
      Map.of("logmel", DEFAULT_THRESHOLD, "musicnn-msd", 0.97, "musicnn-mtt", 0.90);

  /** The measured threshold for the index's model, else {@link #DEFAULT_THRESHOLD}. */
  public static double defaultThreshold(VectorStore store, String collection) {
    for (Map<String, Object> payload : store.listPayloads(collection, List.of(Payloads.MODEL), 1).values()) {
      if (payload.get(Payloads.MODEL) instanceof String model) return MEASURED.getOrDefault(model, DEFAULT_THRESHOLD);
    }
    return DEFAULT_THRESHOLD;
  }

  /** Neighbours looked at per track: more copies of one recording than this are rare. */
  static final int NEIGHBOURS = 10;
  /** Threads asking the neighbour queries: the driver's cores, at least two (queries wait on I/O). */
  private static final int QUERY_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private Duplicates() {}

  /** The groups of two or more tracks, the strongest (highest weakest link) first. */
  public static List<DuplicateGroup> find(VectorStore store, String collection, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    List<String> ids = new ArrayList<>(new TreeSet<>(store.listPayloads(collection, List.of()).keySet()));
    // One neighbour query per track is what grows with the catalogue (about 1 ms each embedded,
    // a round trip each on Qdrant): ask them from as many threads as the machine has cores.
    List<Link> links = new ArrayList<>(inParallel(() -> ids.parallelStream()
        .flatMap(id -> store.searchByTrack(collection, id, NEIGHBOURS, Filter.NONE).stream()
            .takeWhile(hit -> hit.score() >= threshold) // best first: the rest are further
            .map(hit -> new Link(id, hit.trackId(), hit.score())))
        .toList()));
    // Strongest links first (Kruskal): a group's score is then the link that completed it, the
    // same whatever order the store lists its points in (it changes when points are rewritten).
    links.sort(Comparator.comparingDouble(Link::score).reversed()
        .thenComparing(Link::a).thenComparing(Link::b));
    Map<String, String> parent = new HashMap<>();
    Map<String, Double> weakest = new HashMap<>();
    for (Link link : links) {
      String a = root(parent, link.a());
      String b = root(parent, link.b());
      if (a.equals(b)) continue;
      parent.put(b, a);
      weakest.put(a, Math.min(link.score(), Math.min(weakest.getOrDefault(a, 1.0), weakest.getOrDefault(b, 1.0))));
    }
    Map<String, TreeSet<String>> members = new TreeMap<>();
    for (String id : parent.keySet()) members.computeIfAbsent(root(parent, id), r -> new TreeSet<>()).add(id);
    List<DuplicateGroup> groups = new ArrayList<>();
    for (var e : members.entrySet()) {
      e.getValue().add(e.getKey());
      if (e.getValue().size() < 2) continue;
      groups.add(new DuplicateGroup(new ArrayList<>(e.getValue()), Math.round(weakest.get(e.getKey()) * 10000) / 10000.0));
    }
    groups.sort(Comparator.comparingDouble(DuplicateGroup::score).reversed().thenComparing(g -> g.groupId()));
    return groups;
  }

  private record Link(String a, String b, double score) {}

  /** Runs {@code work} (a parallel stream) on its own pool, so it neither waits for nor blocks the common one. */
  private static <T> T inParallel(java.util.concurrent.Callable<T> work) {
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(QUERY_THREADS);
    try {
      return pool.submit(work).get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while finding near-duplicates", e);
    } finally {
      pool.shutdown();
    }
  }

  private static String root(Map<String, String> parent, String id) {
    parent.putIfAbsent(id, id);
    String r = id;
    while (!parent.get(r).equals(r)) r = parent.get(r);
    for (String x = id; !x.equals(r); ) { // path compression
      String next = parent.get(x);
      parent.put(x, r);
      x = next;
    }
    return r;
  }

  /**
   * Writes {@value #GROUP} on every member of {@code groups} and removes it from tracks no longer
   * in one; vectors and the rest of the payload stay as they are. Returns the points rewritten.
   */
  public static int mark(VectorStore store, String collection, List<DuplicateGroup> groups) {
    Map<String, String> groupOf = new LinkedHashMap<>();
    for (DuplicateGroup g : groups) for (String id : g.ids()) groupOf.put(id, g.groupId());
    List<String> stale = new ArrayList<>();
    store.listPayloads(collection, List.of(GROUP)).forEach((id, payload) -> {
      Object current = payload.get(GROUP);
      if (current != null && !current.equals(groupOf.get(id))) stale.add(id);
    });
    List<String> ids = new ArrayList<>(groupOf.keySet());
    ids.addAll(stale);
    List<Point> rewritten = new ArrayList<>();
    for (Point p : store.retrieve(collection, ids)) {
      Map<String, Object> payload = new LinkedHashMap<>(p.payload());
      String group = groupOf.get(p.trackId());
      if (group == null) payload.remove(GROUP);
      else if (group.equals(payload.get(GROUP))) continue;
      else payload.put(GROUP, group);
      rewritten.add(new Point(p.trackId(), p.vector(), payload));
    }
    for (int i = 0; i < rewritten.size(); i += 256) {
      store.upsert(collection, rewritten.subList(i, Math.min(rewritten.size(), i + 256)));
    }
    return rewritten.size();
  }

  /** The group a hit's track belongs to, if it is marked. */
  static String groupOf(Map<String, Object> payload) {
    return payload.get(GROUP) instanceof String s ? s : null;
  }

}
