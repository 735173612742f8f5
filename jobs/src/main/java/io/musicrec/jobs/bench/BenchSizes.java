package io.musicrec.jobs.bench;

import io.musicrec.embed.EmbedBenchmark;
import java.util.List;

/**
 * How much work each stage does. The default run takes a few minutes on 2 cores (after the
 * corpus exists); {@code --quick} is a smoke run of well under a minute whose figures are noisy.
 *
 * @param tracks corpus tracks (when the bench generates the corpus)
 * @param seconds length of each generated track
 * @param decodeFiles at most this many corpus files are decoded per design and round
 * @param decodeRounds timed passes per decode design (the median is reported)
 * @param embed the embed benchmark's options (clip length comes from the model spec)
 * @param query the query benchmark's options
 * @param searchEfforts the embedded store's search efforts swept for recall vs latency
 * @param scale the index sizes of the scale stage
 */
public record BenchSizes(int tracks, double seconds, int decodeFiles, int decodeRounds,
    EmbedSizes embed, QueryBenchmark.Options query, List<Integer> searchEfforts, ScaleOptions scale) {

  /** {@link EmbedBenchmark.Options} without the clip length, which is the model's. */
  public record EmbedSizes(int clips, List<Integer> sweepBatchSizes, int sweepClips, int rounds) {
    EmbedBenchmark.Options options(double clipSeconds, int submitters) {
      return new EmbedBenchmark.Options(clips, clipSeconds, submitters, sweepBatchSizes, sweepClips, rounds);
    }
  }

  public static BenchSizes defaults() {
    return new BenchSizes(200, 30, 60, 3,
        new EmbedSizes(256, List.of(1, 2, 4, 8, 16, 32), 64, 3),
        QueryBenchmark.Options.defaults(), List.of(10, 20, 40, 100, 200), ScaleOptions.defaults());
  }

  public static BenchSizes quick() {
    return new BenchSizes(24, 4, 16, 1,
        new EmbedSizes(32, List.of(1, 4, 16), 16, 1),
        new QueryBenchmark.Options(List.of(1, 2), 0.1, 0.3, 40, 7), List.of(10, 100), ScaleOptions.quick());
  }

  public BenchSizes withCorpus(Integer tracks, Double seconds) {
    return new BenchSizes(tracks != null ? tracks : this.tracks, seconds != null ? seconds : this.seconds,
        decodeFiles, decodeRounds, embed, query, searchEfforts, scale);
  }

  public BenchSizes withScale(ScaleOptions scale) {
    return new BenchSizes(tracks, seconds, decodeFiles, decodeRounds, embed, query, searchEfforts, scale);
  }
}
