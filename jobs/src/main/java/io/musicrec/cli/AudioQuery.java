package io.musicrec.cli;

import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodeResult;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.Reject;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.jobs.IndexedModel;
import io.musicrec.model.ModelSpec;
import io.musicrec.store.VectorStore;
import io.musicrec.model.ModelSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Turns an audio file into a query vector with the same model and clip policy as the index. The
 * model is opened for this one query and closed after it: a command embeds one file, so nothing is
 * worth keeping for the JVM.
 */
final class AudioQuery {
  private AudioQuery() {}

  static float[] embed(Path audio, MusicrecConfig config, VectorStore store) {
    ModelSpec spec = ModelSpecs.resolve(config.model());
    IndexedModel.require(store, config.collection(), spec);
    AudioDecoder decoder = new AudioDecoder(DecodeOptions.of(spec, config.decode()));
    DecodeResult result = decoder.decode(audio.toString(), () -> Files.newInputStream(audio));
    if (result instanceof Reject reject) {
      throw new ConfigException("--audio " + audio + " cannot be used: " + reject.reason() + " (" + reject.detail() + ")");
    }
    try (BatchingEmbedder embedder = BatchingEmbedder.open(spec, config.embed(), OptionalInt.empty())) {
      return embedder.embed(((DecodedClip) result).windows()).vector();
    }
  }
}
