package io.musicrec.discover;

import io.musicrec.store.Payloads;
import io.musicrec.store.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Picks {@code k} of the store's candidates by maximal marginal relevance under a per-artist cap.
 * Each step takes the candidate with the highest {@code lambda * relevance - (1 - lambda) * (max
 * cosine to the results already taken)}, {@code lambda = 1 - diversity}, skipping artists that
 * reached the cap; ties keep the store's order. With diversity 0 this is the store's order with
 * the cap applied. Fewer than {@code k} come back when the candidates run out under the cap: the
 * cap is a promise, never relaxed to fill the list. With {@code collapseDuplicates}, a candidate
 * whose duplicate group is already taken, or is one of {@code excludedGroups} (the query's, the
 * examples'), is skipped: the best-ranked copy stands for its recording.
 */
public final class Diversifier {
  private Diversifier() {}

  public static List<Candidate> select(List<Candidate> candidates, int k, Diversity diversity) {
    return select(candidates, k, diversity, Set.of());
  }

  public static List<Candidate> select(List<Candidate> candidates, int k, Diversity diversity, Set<String> excludedGroups) {
    Set<String> groups = new HashSet<>(excludedGroups);
    double lambda = 1 - diversity.diversity();
    int n = candidates.size();
    boolean[] taken = new boolean[n];
    double[] maxSimilarity = new double[n]; // to anything taken so far
    Map<String, Integer> perArtist = new HashMap<>();
    List<Candidate> out = new ArrayList<>(Math.min(k, n));
    while (out.size() < k) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (taken[i] || capped(candidates.get(i), perArtist, diversity)) continue;
        if (diversity.collapseDuplicates() && groups.contains(Duplicates.groupOf(candidates.get(i).hit().payload()))) continue;
        double value = out.isEmpty() || diversity.diversity() == 0
            ? candidates.get(i).relevance()
            : lambda * candidates.get(i).relevance() - (1 - lambda) * maxSimilarity[i];
        if (value > bestValue) {
          bestValue = value;
          best = i;
        }
      }
      if (best < 0) break;
      Candidate chosen = candidates.get(best);
      taken[best] = true;
      out.add(chosen);
      String artist = artist(chosen);
      if (artist != null) perArtist.merge(artist, 1, Integer::sum);
      String group = Duplicates.groupOf(chosen.hit().payload());
      if (group != null) groups.add(group);
      if (diversity.diversity() > 0) {
        for (int i = 0; i < n; i++) {
          if (!taken[i]) {
            maxSimilarity[i] = Math.max(maxSimilarity[i], Vectors.dot(chosen.vector(), candidates.get(i).vector()));
          }
        }
      }
    }
    return out;
  }

  private static boolean capped(Candidate c, Map<String, Integer> perArtist, Diversity diversity) {
    if (diversity.maxPerArtist() == 0) return false;
    String artist = artist(c);
    // A track without an artist cannot be said to repeat one.
    return artist != null && perArtist.getOrDefault(artist, 0) >= diversity.maxPerArtist();
  }

  private static String artist(Candidate c) {
    return c.hit().payload().get(Payloads.ARTIST) instanceof String s && !s.isBlank() ? s : null;
  }
}
