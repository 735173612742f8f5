package io.musicrec.discover;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.util.Map;

/**
 * The hand-worked picks and reasons on a real Qdrant, when {@code QDRANT_URL} names one (the gRPC
 * port): on 1.15 and newer the MMR case runs on the server's own MMR.
 */
class RealQdrantDiscoveryQueriesTest extends DiscoveryQueriesContract {
  @Override
  VectorStore openStore() {
    String url = System.getenv("QDRANT_URL");
    assumeTrue(url != null && !url.isBlank(), "QDRANT_URL is not set: no real Qdrant to test against");
    return VectorStores.open(url, ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(System.getenv("QDRANT_API_KEY")));
  }
}
