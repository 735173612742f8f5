package io.musicrec.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import java.util.Map;

/**
 * The conformance suite against a real Qdrant, when {@code QDRANT_URL} names one (e.g. {@code
 * http://localhost:6334} or {@code qdrant://host:6334}; the gRPC port). {@code QDRANT_API_KEY} is
 * sent if set. Qdrant's HNSW is approximate, but on eight points it searches exhaustively.
 */
class RealQdrantConformanceTest extends StoreConformanceTest {
  @Override
  protected VectorStore openStore(Settings.Search search) {
    String url = System.getenv("QDRANT_URL");
    assumeTrue(url != null && !url.isBlank(), "QDRANT_URL is not set: no real Qdrant to test against");
    return VectorStores.open(url, ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(System.getenv("QDRANT_API_KEY")),
        search);
  }
}
