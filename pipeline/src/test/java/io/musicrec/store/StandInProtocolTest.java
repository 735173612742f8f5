package io.musicrec.store;

import io.musicrec.testing.qdrant.QdrantTestServer;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Qdrant's protocol behaviour as the in-process stand-in reproduces it. */
class StandInProtocolTest extends QdrantProtocolTest {
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
  protected QdrantGrpcClient client() {
    return connectTo(server.uri(), null);
  }
}
