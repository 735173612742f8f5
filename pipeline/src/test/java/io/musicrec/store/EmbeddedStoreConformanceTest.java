package io.musicrec.store;

import io.musicrec.config.Settings;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreConformanceTest extends StoreConformanceTest {
  @TempDir Path dir;

  @Override
  protected VectorStore openStore(Settings.Search search) {
    return EmbeddedStore.open(dir, EmbeddedOptions.defaults().withSearchEffort(search.hnswEf()));
  }

  /** Lucene has no shards or replicas, and filters every string value as a keyword. */
  @Override
  protected boolean keepsClusterSettings() {
    return false;
  }
}
