package io.musicrec.discover;

import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.Point;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.ServerMmr;
import io.musicrec.store.VectorStore;
import io.musicrec.store.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Similar tracks, recommendations and audio searches with diversity and a reason per result, on
 * any {@link VectorStore}. The store ranks {@link Diversity#candidates} candidates with its own
 * query; MMR and the artist cap ({@link Diversifier}) then run here, on the candidates' stored
 * vectors. One exception, with the same picks: similar tracks and audio searches diversified by
 * MMR alone run on the server where it has MMR with this formula ({@link ServerMmr}: Qdrant 1.15
 * and newer). Recommendations have no server-side MMR in Qdrant, and the artist cap and duplicate
 * collapsing act inside the greedy loop, so those stay here; Qdrant's group_by is not used (README
 * "Diversity and reasons" says why).
 */
public final class DiscoveryQueries {
  private final VectorStore store;
  private final String collection;

  public DiscoveryQueries(VectorStore store, String collection) {
    this.store = store;
    this.collection = collection;
  }

  /** Tracks like {@code trackId}; the reason is the top tags they share with it, when points have tags. */
  public List<Found> similar(String trackId, int k, Filter filter, Diversity diversity) {
    Optional<List<Hit>> picked = serverMmr(diversity, ServerMmr.Query.byTrack(trackId, k, diversity.diversity(), diversity.candidates(k), filter));
    if (picked.isPresent()) {
      Point query = retrieve(List.of(trackId), List.of(), false).get(trackId);
      return picked.get().stream().map(hit -> new Found(hit, similarReason(query, hit))).toList();
    }
    List<Hit> hits = store.searchByTrack(collection, trackId, diversity.candidates(k), filter);
    Map<String, Point> points = retrieve(List.of(trackId), hits, !diversity.isNone());
    Point query = points.get(trackId);
    List<Found> out = new ArrayList<>();
    Set<String> own = query == null ? Set.of() : groups(List.of(query));
    for (Candidate c : diversify(hits, points, k, diversity, Hit::score, !diversity.isNone(), own)) {
      out.add(new Found(c.hit(), similarReason(query, c.hit())));
    }
    return out;
  }

  /**
   * Recommendations; each result names the liked track it is closest to, or for best_score the
   * example (liked or disliked) whose similarity decided its score.
   */
  public List<Found> recommend(Recommendation request, Diversity diversity) {
    Recommendation wide = new Recommendation(request.positive(), request.negative(), request.strategy(),
        request.filter(), diversity.candidates(request.limit()));
    List<Hit> hits = store.recommend(collection, wide);
    List<String> examples = new ArrayList<>(request.positive());
    examples.addAll(request.negative());
    Map<String, Point> points = retrieve(examples, hits, true);
    List<Point> likes = request.positive().stream().map(points::get).filter(p -> p != null).toList();
    List<Point> dislikes = request.negative().stream().map(points::get).filter(p -> p != null).toList();
    int examplesCount = Math.max(1, likes.size() + dislikes.size());
    List<Found> out = new ArrayList<>();
    List<Candidate> chosen = diversify(hits, points, request.limit(), diversity, hit -> {
      // MMR weighs relevance against cosines, so it needs relevance on a cosine scale.
      if (request.strategy() == RecommendStrategy.BEST_SCORE) {
        Decider d = decider(points.get(hit.trackId()).vector(), likes, dislikes);
        return (float) (d.disliked ? -d.similarity : d.similarity);
      }
      if (request.strategy() == RecommendStrategy.SUM_SCORES) return hit.score() / examplesCount;
      return hit.score();
    }, true, groups(points.values().stream().filter(p -> examples.contains(p.trackId())).toList()));
    for (Candidate c : chosen) {
      out.add(new Found(c.hit(), recommendReason(request.strategy(), c.vector(), likes, dislikes)));
    }
    return out;
  }

  /** Tracks nearest to a vector (an uploaded file's embedding); the reason is that cosine. */
  public List<Found> search(float[] vector, int k, Filter filter, Diversity diversity) {
    Optional<List<Hit>> picked = serverMmr(diversity, ServerMmr.Query.byVector(vector, k, diversity.diversity(), diversity.candidates(k), filter));
    List<Hit> chosen;
    if (picked.isPresent()) {
      chosen = picked.get();
    } else {
      List<Hit> hits = store.search(collection, vector, diversity.candidates(k), filter);
      Map<String, Point> points = retrieve(List.of(), hits, !diversity.isNone());
      chosen = diversify(hits, points, k, diversity, Hit::score, !diversity.isNone(), Set.of()).stream().map(Candidate::hit).toList();
    }
    List<Found> out = new ArrayList<>();
    for (Hit hit : chosen) {
      out.add(new Found(hit, new Reason("sounds_like", null, null, round(hit.score()), null,
          String.format(Locale.ROOT, "sounds like the uploaded audio (cosine %.2f)", hit.score()))));
    }
    return out;
  }

  /**
   * The server's own MMR when it gives {@link Diversifier}'s picks: a nearest-neighbour query with
   * diversity and no artist cap or duplicate collapsing (those act inside the greedy loop, which
   * the server cannot), on a store whose server has MMR. Empty otherwise: MMR runs here.
   */
  private Optional<List<Hit>> serverMmr(Diversity diversity, ServerMmr.Query query) {
    if (!(store instanceof ServerMmr server) || diversity.diversity() == 0 || diversity.maxPerArtist() > 0
        || diversity.collapseDuplicates()) {
      return Optional.empty();
    }
    return server.nearestByMmr(collection, query);
  }

  // ---- candidates ----

  private interface Relevance {
    float of(Hit hit);
  }

  private Map<String, Point> retrieve(List<String> examples, List<Hit> hits, boolean withCandidates) {
    Set<String> ids = new LinkedHashSet<>(examples);
    if (withCandidates) for (Hit h : hits) ids.add(h.trackId());
    Map<String, Point> byId = new HashMap<>();
    if (ids.isEmpty()) return byId;
    for (Point p : store.retrieve(collection, ids)) byId.put(p.trackId(), p);
    return byId;
  }

  /**
   * Candidates in the store's order, then the first k of them or MMR's choice. A hit whose point
   * was not retrieved although needed was deleted between the two calls (an index run is replacing
   * it): it is skipped.
   */
  private static List<Candidate> diversify(
      List<Hit> hits, Map<String, Point> points, int k, Diversity diversity, Relevance relevance, boolean vectorsNeeded,
      Set<String> excludedGroups) {
    List<Candidate> candidates = new ArrayList<>(hits.size());
    for (Hit hit : hits) {
      Point p = points.get(hit.trackId());
      if (p == null && vectorsNeeded) continue;
      candidates.add(new Candidate(hit, p == null ? null : p.vector(), p == null ? hit.score() : relevance.of(hit)));
    }
    if (diversity.isNone()) return candidates.subList(0, Math.min(k, candidates.size()));
    return Diversifier.select(candidates, k, diversity, excludedGroups);
  }

  /** The duplicate groups of the query or example points (copies of them are not results). */
  private static Set<String> groups(List<Point> points) {
    Set<String> out = new java.util.HashSet<>();
    for (Point p : points) {
      if (p != null && Duplicates.groupOf(p.payload()) != null) out.add(Duplicates.groupOf(p.payload()));
    }
    return out;
  }

  // ---- reasons ----

  private record Decider(Point example, double similarity, boolean disliked) {}

  /** best_score's rule: the best like decides when it beats the best dislike, else the best dislike. */
  private static Decider decider(float[] candidate, List<Point> likes, List<Point> dislikes) {
    Decider like = nearest(candidate, likes, false);
    Decider dislike = nearest(candidate, dislikes, true);
    if (like == null) return dislike;
    if (dislike == null || like.similarity > dislike.similarity) return like;
    return dislike;
  }

  private static Decider nearest(float[] candidate, List<Point> examples, boolean disliked) {
    Decider best = null;
    for (Point e : examples) {
      double s = Vectors.dot(candidate, e.vector());
      if (best == null || s > best.similarity) best = new Decider(e, s, disliked);
    }
    return best;
  }

  private static Reason recommendReason(RecommendStrategy strategy, float[] vector, List<Point> likes, List<Point> dislikes) {
    if (strategy == RecommendStrategy.BEST_SCORE) {
      Decider d = decider(vector, likes, dislikes);
      String text = String.format(Locale.ROOT, "score decided by %s %s (cosine %.2f)",
          d.disliked ? "disliked" : "liked", title(d.example.payload()), d.similarity);
      return new Reason("decided_by", d.example.trackId(), d.disliked, round(d.similarity), null, text);
    }
    Decider d = nearest(vector, likes, false);
    if (d == null) { // sum_scores from dislikes only: the least unlike dislike explains nothing better
      d = nearest(vector, dislikes, true);
      return new Reason("decided_by", d.example.trackId(), true, round(d.similarity), null,
          String.format(Locale.ROOT, "least unlike disliked %s (cosine %.2f)", title(d.example.payload()), d.similarity));
    }
    return new Reason("closest_like", d.example.trackId(), null, round(d.similarity), null,
        String.format(Locale.ROOT, "closest to liked %s (cosine %.2f)", title(d.example.payload()), d.similarity));
  }

  private static Reason similarReason(Point query, Hit hit) {
    List<String> shared = new ArrayList<>();
    List<String> queryTags = query == null ? List.of() : tags(query.payload());
    List<String> resultTags = tags(hit.payload());
    for (String tag : queryTags) if (resultTags.contains(tag)) shared.add(tag);
    String trackId = query == null ? null : query.trackId();
    if (!shared.isEmpty()) {
      return new Reason("shared_tags", trackId, null, round(hit.score()), List.copyOf(shared),
          "shares tags " + String.join(", ", shared) + String.format(Locale.ROOT, " (cosine %.2f)", hit.score()));
    }
    String title = query == null ? "the query track" : title(query.payload());
    return new Reason("sounds_like", trackId, null, round(hit.score()), null,
        String.format(Locale.ROOT, "sounds like %s (cosine %.2f)%s", title, hit.score(),
            queryTags.isEmpty() ? "" : "; no top tag in common"));
  }

  static List<String> tags(Map<String, Object> payload) {
    if (!(payload.get(Payloads.TAGS) instanceof List<?> list)) return List.of();
    List<String> out = new ArrayList<>();
    for (Object o : list) if (o instanceof String s) out.add(s);
    return out;
  }

  /** "Name" by Artist, or the track id when the index has no name. */
  static String title(Map<String, Object> payload) {
    Object name = payload.get(Payloads.NAME);
    Object artist = payload.get(Payloads.ARTIST);
    String title = "\"" + (name instanceof String s ? s : payload.get(Payloads.TRACK_ID)) + "\"";
    return artist instanceof String a ? title + " by " + a : title;
  }

  private static Double round(double value) {
    return Math.round(value * 10000) / 10000.0;
  }

}
