package io.musicrec.jobs.serve;

import io.musicrec.config.MusicrecConfig;

/** The API contract on the embedded (Lucene) store the index job wrote. */
class EmbeddedServeApiTest extends ServeApiContract {
  @Override
  MusicrecConfig config(IndexedCorpus indexed) {
    return indexed.config();
  }
}
