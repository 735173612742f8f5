package io.musicrec.embed;

import io.musicrec.model.ModelSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Turns a track's clip windows into one embedding. Safe for concurrent callers. */
public interface Embedder {
  ModelSpec spec();

  /**
   * Queues a track's windows (equal length, mono, at the spec's sample rate; not modified after the
   * call). The future yields the mean of the window embeddings, L2-normalised when the spec says
   * so (with the mean tag probabilities for tagging models), or fails with {@link EmbedRejection} for non-finite samples or outputs, or with {@link
   * EmbedException} when inference fails.
   */
  CompletableFuture<TrackEmbedding> submit(float[][] windows);

  /** {@link #submit} and wait; throws the same exceptions directly. */
  default TrackEmbedding embed(float[][] windows) {
    try {
      return submit(windows).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) throw cause;
      throw e;
    }
  }

  EmbedStats stats();

  /** The execution provider in use, e.g. {@code CPU} or {@code CUDA:0}. */
  String provider();
}
