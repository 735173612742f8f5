package io.musicrec.store.qdrant;

import static io.qdrant.client.VectorInputFactory.vectorInput;

import io.musicrec.store.Hit;
import io.musicrec.store.ServerMmr;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.grpc.Points;
import java.util.List;
import java.util.Optional;

/**
 * Qdrant's own maximal marginal relevance ({@code nearest} with {@code mmr}, Qdrant 1.15 and
 * newer). Read in Qdrant 1.18.3's source ({@code lib/shard/src/query/mmr/mod.rs},
 * {@code collection_query.rs}): the shards return the {@code candidates_limit} nearest points that
 * pass the filter, the query's own point excluded; the collection then takes the most relevant
 * (cosine to the query) and repeatedly the one maximising {@code lambda * relevance - (1 - lambda) *
 * max cosine to those taken}, with {@code lambda = 1 - diversity}; scores stay the query's cosines.
 * That is {@code Diversifier}'s rule without a cap, so the embedded store and Qdrant give the same
 * picks (up to float rounding on near-exact ties: Qdrant computes in f32 and breaks exact ties by
 * its own order). One round trip instead of a query plus a fetch of every candidate's vector.
 */
final class QdrantMmr {
  /** The first Qdrant with MMR (absent from 1.14's API, present in 1.15's). */
  static final QdrantVersion FIRST = new QdrantVersion(1, 15, 0, "1.15.0");

  private final QdrantStore store;

  QdrantMmr(QdrantStore store) {
    this.store = store;
  }

  /** Empty on a server older than {@link #FIRST}, which would not understand the query. */
  Optional<List<Hit>> nearest(String collection, ServerMmr.Query q) {
    // A version that does not parse is taken for a current server, as everywhere in the store.
    if (store.serverVersion().map(v -> !v.atLeast(FIRST)).orElse(false)) return Optional.empty();
    Points.VectorInput target = q.trackId() != null ? vectorInput(QdrantProtos.pointId(q.trackId())) : vectorInput(q.vector());
    Points.Mmr mmr = Points.Mmr.newBuilder().setDiversity((float) q.diversity()).setCandidatesLimit(q.candidates()).build();
    return Optional.of(store.query(collection, QueryFactory.nearest(target, mmr), q.limit(), q.filter()));
  }
}
