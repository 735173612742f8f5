package io.musicrec.jobs.serve;

import java.util.List;

/**
 * The filter values present in the index with how many tracks carry each, most common first:
 * what the page shows as genre and subgenre chips.
 */
public record Facets(int tracks, List<Count> genres, List<Count> subgenres) {
  public Facets {
    genres = List.copyOf(genres);
    subgenres = List.copyOf(subgenres);
  }

  public record Count(String value, long count) {}
}
