package io.musicrec.discover;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a result list is diversified after the store ranked it.
 *
 * @param diversity 0..1: the weight maximal marginal relevance gives to being unlike the results
 *     already chosen (its lambda is {@code 1 - diversity}); 0 keeps the store's order
 * @param maxPerArtist at most this many results by one artist; 0 means no cap
 * @param collapseDuplicates one result per duplicate group ({@link Duplicates#GROUP}), and none of
 *     the query's or the examples' own group
 */
public record Diversity(
    @JsonProperty("diversity") double diversity,
    @JsonProperty("max_per_artist") int maxPerArtist,
    @JsonProperty("collapse_duplicates") boolean collapseDuplicates) {
  public static final Diversity NONE = new Diversity(0, 0);
  /** Candidates asked of the store per wanted result, so that MMR and the cap have room to choose. */
  public static final int OVERFETCH = 5;
  /** Stores answer at most this many candidates for one diversified query. */
  public static final int MAX_CANDIDATES = 1000;

  public Diversity {
    if (!(diversity >= 0 && diversity <= 1)) {
      throw new IllegalArgumentException("diversity must be between 0 and 1, got " + diversity);
    }
    if (maxPerArtist < 0) {
      throw new IllegalArgumentException("max-per-artist must be 0 (no cap) or more, got " + maxPerArtist);
    }
  }

  public Diversity(double diversity, int maxPerArtist) {
    this(diversity, maxPerArtist, false);
  }

  @JsonIgnore
  public boolean isNone() {
    return diversity == 0 && maxPerArtist == 0 && !collapseDuplicates;
  }

  /** How many candidates to ask the store for when {@code k} results are wanted. */
  public int candidates(int k) {
    return isNone() ? k : Math.max(k, Math.min(MAX_CANDIDATES, OVERFETCH * k));
  }
}
