package io.musicrec.store;

import io.musicrec.testing.qdrant.StandInServer;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Qdrant's protocol behaviour as the in-process stand-in reproduces it. */
class StandInProtocolTest extends QdrantProtocolTest {
  @RegisterExtension static final StandInServer QDRANT = new StandInServer();

  @Override
  protected QdrantGrpcClient client() {
    return connectTo(QDRANT.uri(), null);
  }
}
