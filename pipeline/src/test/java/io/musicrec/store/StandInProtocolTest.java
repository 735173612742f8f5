package io.musicrec.store;

import io.musicrec.testing.qdrant.StandInServer;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Qdrant's protocol behaviour as the in-process stand-in reproduces it. */
class StandInProtocolTest extends QdrantProtocolTest {
  private static final String KEY = "stand-in-key";
  private static final String READ_ONLY_KEY = "stand-in-read-only-key";
  @RegisterExtension static final StandInServer QDRANT = new StandInServer(KEY, READ_ONLY_KEY);

  @Override
  protected QdrantGrpcClient client() {
    return connectTo(QDRANT.uri(), KEY);
  }

  @Override
  protected QdrantGrpcClient readOnlyClient() {
    return connectTo(QDRANT.uri(), READ_ONLY_KEY);
  }
}
