package io.musicrec.discover;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.testing.qdrant.QdrantTestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same picks and reasons through the Qdrant store, talking gRPC to the in-process server. */
class QdrantDiscoveryQueriesTest extends DiscoveryQueriesContract {
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
  VectorStore openStore() {
    return VectorStores.open(server.uri(), ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(null));
  }
}
