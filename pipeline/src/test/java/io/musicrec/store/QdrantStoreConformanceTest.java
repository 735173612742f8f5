package io.musicrec.store;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.testing.qdrant.QdrantTestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against the Qdrant store talking gRPC to the in-process server. */
class QdrantStoreConformanceTest extends StoreConformanceTest {
  private static QdrantTestServer server;

  @BeforeAll
  static void startServer() {
    server = QdrantTestServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected VectorStore openStore() {
    return VectorStores.open(server.uri(), ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(null));
  }
}
