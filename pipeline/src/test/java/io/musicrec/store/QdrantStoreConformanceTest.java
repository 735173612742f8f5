package io.musicrec.store;

import io.musicrec.config.Settings;
import io.musicrec.testing.qdrant.StandInServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conformance suite against the Qdrant store talking gRPC to the in-process server. */
class QdrantStoreConformanceTest extends StoreConformanceTest {
  @RegisterExtension static final StandInServer QDRANT = new StandInServer();

  @Override
  protected VectorStore openStore(Settings.Search search) {
    return QDRANT.openStore(search);
  }
}
