package io.musicrec.discover;

import io.musicrec.store.VectorStore;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDiscoveryQueriesTest extends DiscoveryQueriesContract {
  @TempDir Path dir;

  @Override
  VectorStore openStore() {
    return EmbeddedStore.open(dir, EmbeddedOptions.defaults());
  }
}
