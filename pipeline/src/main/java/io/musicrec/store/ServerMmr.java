package io.musicrec.store;

import java.util.List;
import java.util.Optional;

/**
 * A store whose server can rank nearest neighbours by maximal marginal relevance itself (Qdrant
 * 1.15 and newer). Its formula must be {@code io.musicrec.discover.Diversifier}'s without a cap:
 * the most relevant candidate first, then each next maximises {@code (1 - diversity) * cosine to
 * the query - diversity * (max cosine to the results already chosen)}, among the {@code
 * candidates} nearest that pass the filter. Stores without it are diversified client-side.
 */
public interface ServerMmr {
  /**
   * The query's results picked by MMR on the server, or empty when this server cannot (too old):
   * the caller then runs MMR itself on the candidates' vectors.
   */
  Optional<List<Hit>> nearestByMmr(String collection, Query query);

  /**
   * Nearest to a stored track (left out of the results) or to a vector; exactly one is set.
   *
   * @param limit results wanted
   * @param diversity 0..1, MMR's weight on being unlike the results already chosen
   * @param candidates nearest neighbours MMR chooses from
   */
  record Query(String trackId, float[] vector, int limit, double diversity, int candidates, Filter filter) {
    public Query {
      if ((trackId == null) == (vector == null)) throw new IllegalArgumentException("give a track id or a vector, not both");
      if (limit <= 0 || candidates < limit) throw new IllegalArgumentException("need 0 < limit <= candidates");
      if (filter == null) filter = Filter.NONE;
    }

    public static Query byTrack(String trackId, int limit, double diversity, int candidates, Filter filter) {
      return new Query(trackId, null, limit, diversity, candidates, filter);
    }

    public static Query byVector(float[] vector, int limit, double diversity, int candidates, Filter filter) {
      return new Query(null, vector, limit, diversity, candidates, filter);
    }
  }
}
