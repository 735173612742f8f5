package io.musicrec.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the embed stage yields for a track: its vector and, for tagging models, the tag
 * probabilities averaged over the track's windows (empty otherwise).
 */
public record TrackEmbedding(float[] vector, float[] tagProbabilities) {
  public TrackEmbedding {
    if (tagProbabilities == null) tagProbabilities = new float[0];
  }

  /** The {@code n} most probable of {@code names} (same order as the probabilities), best first. */
  public List<String> topTags(List<String> names, int n) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < tagProbabilities.length; i++) order.add(i);
    order.sort(Comparator.comparingDouble((Integer i) -> -tagProbabilities[i]).thenComparing(i -> i));
    List<String> top = new ArrayList<>();
    for (int i = 0; i < Math.min(n, order.size()); i++) top.add(names.get(order.get(i)));
    return top;
  }
}
