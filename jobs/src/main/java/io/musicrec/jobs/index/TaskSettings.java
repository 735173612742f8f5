package io.musicrec.jobs.index;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpec;
import io.musicrec.runtime.PerJvm;
import io.musicrec.store.VectorStore;
import java.io.Serializable;

/**
 * What an index task needs, and nothing else of the run's config: it is serialized with every task.
 * The driver-side decisions travel separately (the broadcast {@link IncrementalPlan}).
 *
 * @param spec the model to decode for and embed with
 * @param collection the collection version this run writes
 * @param decode decoder limits and threads
 * @param embed the executor's shared inference session's settings
 * @param store the store URI; with {@code sink} and {@code qdrant}, what opening it takes
 * @param hooks the test seam; {@link TaskHooks#NONE} in runs
 * @param table whether the run keeps an embeddings table: tasks then reuse its vectors and return
 *     the table row of every point they write
 */
record TaskSettings(ModelSpec spec, String collection, Settings.Decode decode, Settings.Embed embed, String store,
    Settings.Sink sink, Settings.Qdrant qdrant, Settings.Search search, TaskHooks hooks, boolean table) implements Serializable {

  static TaskSettings of(MusicrecConfig config, ModelSpec spec, String collection, TaskHooks hooks) {
    return new TaskSettings(spec, collection, config.decode(), config.embed(), config.store(), config.sink(),
        config.qdrant(), config.search(), hooks, config.embeddings().location().isPresent());
  }

  /** This JVM's shared store for the URI, opened on first use. */
  VectorStore openStore() {
    return PerJvm.store(store, sink, qdrant, search);
  }
}
