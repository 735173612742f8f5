package io.musicrec.store;

import io.musicrec.config.Settings;
import io.musicrec.testing.qdrant.QdrantTestServer;
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
    return VectorStores.open(server.uri(), new Settings.Sink(0, 0, 0, -1, 0, 0, 0), new Settings.Qdrant(null));
  }
}
