package io.musicrec.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdrant.client.QdrantGrpcClient;

/** Qdrant's protocol behaviour on a real server, when {@code QDRANT_URL} names one (gRPC port). */
class RealQdrantProtocolTest extends QdrantProtocolTest {
  @Override
  protected QdrantGrpcClient client() {
    String url = System.getenv("QDRANT_URL");
    assumeTrue(url != null && !url.isBlank(), "QDRANT_URL is not set: no real Qdrant to test against");
    return connectTo(url, System.getenv("QDRANT_API_KEY"));
  }

  /** With {@code QDRANT_READ_ONLY_API_KEY}: the server's read_only_api_key. */
  @Override
  protected QdrantGrpcClient readOnlyClient() {
    String key = System.getenv("QDRANT_READ_ONLY_API_KEY");
    return key == null || key.isBlank() ? null : connectTo(System.getenv("QDRANT_URL"), key);
  }
}
