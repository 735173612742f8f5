package io.musicrec.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.Filter;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.testing.qdrant.QdrantTestServer;
import io.qdrant.client.grpc.Points;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parity with the in-process Qdrant stand-in (whose MMR copies Qdrant 1.18.3's), and which side
 * runs MMR: the server from 1.15 for similar/search with diversity alone, the client otherwise.
 */
class StandInDiversityParityTest extends DiversityParityContract {
  private QdrantTestServer server;

  @Override
  void afterStores() {
    if (server != null) server.close();
  }

  /** A fresh server per test (the contract's seeding opens the store), so request counts are this test's. */
  @Override
  VectorStore openQdrant() {
    server = QdrantTestServer.start();
    return VectorStores.open(server.uri(), ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(null));
  }

  private long queriesOf(Points.Query.VariantCase kind) {
    return server.queryRequests().stream().filter(q -> q.getQuery().getVariantCase() == kind).count();
  }

  @Test
  void mmrAloneRunsOnTheServerAndWithACapOrCollapsingOnTheClient() {
    DiscoveryQueries onQdrant = new DiscoveryQueries(qdrant, collection);
    onQdrant.similar("t000", 10, Filter.NONE, new Diversity(0.3, 0));
    assertEquals(1, queriesOf(Points.Query.VariantCase.NEAREST_WITH_MMR));
    Points.QueryPoints sent = server.queryRequests().get(server.queryRequests().size() - 1);
    assertEquals(0.3f, sent.getQuery().getNearestWithMmr().getMmr().getDiversity());
    assertEquals(50, sent.getQuery().getNearestWithMmr().getMmr().getCandidatesLimit(), "Diversity.candidates(10)");
    assertEquals(10, sent.getLimit());
    onQdrant.similar("t000", 10, Filter.NONE, new Diversity(0.3, 2));
    onQdrant.similar("t000", 10, Filter.NONE, new Diversity(0.3, 0, true));
    onQdrant.similar("t000", 10, Filter.NONE, Diversity.NONE);
    assertEquals(1, queriesOf(Points.Query.VariantCase.NEAREST_WITH_MMR), "cap, collapsing and no diversity stay client-side");
  }

  @Test
  void aServerWithoutMmrGetsTheSameAnswerFromClientSideMmr() {
    DiscoveryQueries onEmbedded = new DiscoveryQueries(embedded, collection);
    server.reportVersion("1.14.1");
    VectorStore old = VectorStores.open(server.uri(), ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(null));
    try {
      DiscoveryQueries onOld = new DiscoveryQueries(old, collection);
      List<Found> found = onOld.similar("t017", 10, Filter.NONE, new Diversity(0.7, 0));
      assertEquals(0, queriesOf(Points.Query.VariantCase.NEAREST_WITH_MMR), "no MMR query sent to 1.14");
      assertEquals(onEmbedded.similar("t017", 10, Filter.NONE, new Diversity(0.7, 0)).stream().map(f -> f.hit().trackId()).toList(),
          found.stream().map(f -> f.hit().trackId()).toList());
      assertTrue(queriesOf(Points.Query.VariantCase.NEAREST) > 0);
    } finally {
      old.close();
    }
  }
}
