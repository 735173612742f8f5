package io.musicrec.discover;

import io.musicrec.store.VectorStore;
import io.musicrec.testing.qdrant.StandInServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same picks and reasons through the Qdrant store, talking gRPC to the in-process server. */
class QdrantDiscoveryQueriesTest extends DiscoveryQueriesContract {
  @RegisterExtension static final StandInServer QDRANT = new StandInServer();

  @Override
  VectorStore openStore() {
    return QDRANT.openStore();
  }
}
