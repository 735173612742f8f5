package io.musicrec.jobs.serve;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.testing.qdrant.QdrantTestServer;
import org.junit.jupiter.api.AfterAll;

/**
 * The API contract on Qdrant: the indexed points copied into an in-process server that speaks
 * Qdrant's gRPC protocol, behind the same alias.
 */
class QdrantServeApiTest extends ServeApiContract {
  private QdrantTestServer qdrant;

  @Override
  MusicrecConfig config(IndexedCorpus indexed) {
    qdrant = QdrantTestServer.start();
    return indexed.copyToQdrant(qdrant.uri());
  }

  @AfterAll
  void stopQdrant() {
    if (qdrant != null) qdrant.close();
  }
}
