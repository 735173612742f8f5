package io.musicrec.embed;

/**
 * Counters of one embedder since it opened.
 *
 * @param batches session runs
 * @param rows clip windows embedded (a track with K windows is K rows)
 * @param fullBatches runs that carried exactly {@code batchSize} rows
 * @param tracks tracks completed with an embedding
 * @param rejected tracks rejected for non-finite input or output
 * @param batchSize the configured batch size
 */
public record EmbedStats(long batches, long rows, long fullBatches, long tracks, long rejected, int batchSize) {
  /** Mean rows per run as a fraction of the batch size: 1.0 means every run was full. */
  public double meanBatchFill() {
    return batches == 0 ? 0 : (double) rows / ((double) batches * batchSize);
  }
}
