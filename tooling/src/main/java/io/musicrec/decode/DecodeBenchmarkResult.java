package io.musicrec.decode;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Decode throughput of the project decoder against the raw ffmpeg CLI and alternative designs,
 * all decoding the same files with the same ffmpeg arguments and the same parallelism.
 *
 * @param tracks files decoded per design
 * @param audioSeconds decoded audio per pass (from the project decoder's durations)
 * @param parallelism concurrent workers (ffmpeg processes) in every design
 * @param rounds timed passes per design (after one warm-up pass); each design's figures are those
 *     of its median pass by wall time
 * @param sampleRate output rate
 * @param cpuTimeMethod how CPU seconds were measured
 * @param designs one entry per design, the project decoder first, the ffmpeg CLI loop second
 * @param ratioVsFfmpegCli project decoder tracks/s divided by the ffmpeg CLI loop's tracks/s
 */
public record DecodeBenchmarkResult(
    @JsonProperty("tracks") int tracks,
    @JsonProperty("audio_seconds") double audioSeconds,
    @JsonProperty("parallelism") int parallelism,
    @JsonProperty("rounds") int rounds,
    @JsonProperty("sample_rate") int sampleRate,
    @JsonProperty("cpu_time_method") String cpuTimeMethod,
    @JsonProperty("designs") List<Design> designs,
    @JsonProperty("ratio_vs_ffmpeg_cli") double ratioVsFfmpegCli) {

  /**
   * @param name short identifier
   * @param description what the design does
   * @param tracksPerS files per wall-clock second
   * @param audioSPerCpuS seconds of audio decoded per CPU second (this JVM plus its children)
   * @param wallS wall-clock seconds for the pass
   * @param cpuS CPU seconds for the pass
   * @param jvmCpuS of which this JVM's own threads
   * @param childCpuS of which child processes (ffmpeg, shells)
   * @param decoded files that produced audio
   */
  public record Design(
      @JsonProperty("name") String name,
      @JsonProperty("description") String description,
      @JsonProperty("tracks_per_s") double tracksPerS,
      @JsonProperty("audio_s_per_cpu_s") double audioSPerCpuS,
      @JsonProperty("wall_s") double wallS,
      @JsonProperty("cpu_s") double cpuS,
      @JsonProperty("jvm_cpu_s") double jvmCpuS,
      @JsonProperty("child_cpu_s") double childCpuS,
      @JsonProperty("decoded") int decoded) {}

  /** A fixed-width table for logs and the Markdown report. */
  public String table() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(java.util.Locale.ROOT, "%d tracks, %.0f s of audio, P=%d, %d Hz, median of %d rounds; CPU: %s%n",
        tracks, audioSeconds, parallelism, sampleRate, rounds, cpuTimeMethod));
    out.append(String.format(java.util.Locale.ROOT, "%-22s %10s %14s %8s %8s %8s %8s%n", "design", "tracks/s", "audio s/CPU s", "wall s", "CPU s", "JVM", "children"));
    for (Design d : designs) {
      out.append(String.format(java.util.Locale.ROOT, "%-22s %10.2f %14.1f %8.2f %8.2f %8.2f %8.2f%n",
          d.name(), d.tracksPerS(), d.audioSPerCpuS(), d.wallS(), d.cpuS(), d.jvmCpuS(), d.childCpuS()));
    }
    out.append(String.format(java.util.Locale.ROOT, "ratio_vs_ffmpeg_cli = %.3f%n", ratioVsFfmpegCli));
    return out.toString();
  }
}
