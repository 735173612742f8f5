package io.musicrec.decode;

import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Measures decode throughput: the same files, the same ffmpeg arguments and P concurrent
 * workers, decoded several ways in one run.
 *
 * <ol>
 *   <li>{@code project_decoder}: {@link ParallelDecoder} over {@link AudioDecoder} with local
 *       files ({@link InputStreamOpener#of}: the file is ffmpeg's stdin), PCM piped out, stderr
 *       parsed, clips cut: what a local run does.
 *   <li>{@code ffmpeg_cli}: P shell loops running the raw binary on file paths, PCM written to
 *       /dev/null: no JVM in the data path; the reference for {@code ratio_vs_ffmpeg_cli}.
 *   <li>{@code project_decoder_stream}: the same with plain InputStreams, copied into ffmpeg's
 *       stdin by a pump thread: what an s3a:// run does.
 *   <li>{@code java_file_input}: Java starts ffmpeg with {@code -i PATH} (ffmpeg reads the file
 *       itself) and reads only stdout: the design without the stdin pump, possible only for local
 *       files.
 *   <li>{@code java_spawn_devnull}: Java starts ffmpeg per file exactly as the CLI loop does
 *       (path in, /dev/null out): isolates the cost of starting processes from the JVM.
 * </ol>
 *
 * Each design first runs a warm-up pass over a few files (JIT, page cache), then {@code rounds}
 * timed passes in rotating order; the median pass (by wall time) is reported.
 * This is benchmark code: it prints and returns figures, it asserts nothing about speed.
 */
public final class DecodeBenchmark {
  private final DecodeOptions options;
  private final int parallelism;
  private final int rounds;
  private final Path ffmpeg;

  /**
   * @param parallelism concurrent workers in every design
   * @param rounds timed passes per design; the median one is reported (this machine may be shared)
   */
  public DecodeBenchmark(DecodeOptions options, int parallelism, int rounds) {
    if (parallelism <= 0) throw new IllegalArgumentException("parallelism must be positive");
    if (rounds <= 0) throw new IllegalArgumentException("rounds must be positive");
    this.options = options;
    this.parallelism = parallelism;
    this.rounds = rounds;
    this.ffmpeg = FfmpegBinary.path();
  }

  public DecodeBenchmarkResult run(List<Path> files) {
    if (files.isEmpty()) throw new IllegalArgumentException("no files to decode");
    List<Path> warmUp = files.subList(0, Math.min(files.size(), 2 * parallelism));

    List<Pass> designs = List.of(
        new Pass("project_decoder", "ParallelDecoder, local files: the file is ffmpeg's stdin, PCM over stdout, stderr classified, clips cut", this::projectDecoder),
        new Pass("ffmpeg_cli", "P shell loops of the ffmpeg binary, -i PATH, PCM to /dev/null", this::ffmpegCli),
        new Pass("project_decoder_stream", "ParallelDecoder, InputStreams (the s3a path): a pump thread copies each stream into ffmpeg's stdin", this::projectDecoderStream),
        new Pass("java_file_input", "Java starts ffmpeg with -i PATH, reads PCM from stdout (no stdin pump)", this::javaFileInput),
        new Pass("java_spawn_devnull", "Java starts ffmpeg per file, -i PATH, PCM to /dev/null (process start cost only)", this::javaSpawnDevNull));

    for (Pass design : designs) design.body.decode(warmUp);
    List<List<Timed>> passes = new ArrayList<>();
    designs.forEach(d -> passes.add(new ArrayList<>()));
    double audioSeconds = Double.NaN;
    for (int round = 0; round < rounds; round++) {
      // Rotate the order so no design always runs first (or right after another's cleanup).
      for (int k = 0; k < designs.size(); k++) {
        int index = (k + round) % designs.size();
        Timed timed = time(designs.get(index), files);
        if (index == 0) audioSeconds = timed.outcome.audioSeconds;
        passes.get(index).add(timed);
      }
    }

    List<DecodeBenchmarkResult.Design> results = new ArrayList<>();
    for (int i = 0; i < designs.size(); i++) {
      List<Timed> sorted = new ArrayList<>(passes.get(i));
      sorted.sort(java.util.Comparator.comparingDouble(Timed::wall));
      Timed median = sorted.get(sorted.size() / 2);
      Pass design = designs.get(i);
      results.add(new DecodeBenchmarkResult.Design(design.name, design.description,
          files.size() / median.wall, audioSeconds / median.cpu.total(), median.wall,
          median.cpu.total(), median.cpu.self(), median.cpu.children(), median.outcome.decoded));
    }
    double ratio = results.get(0).tracksPerS() / results.get(1).tracksPerS();
    return new DecodeBenchmarkResult(files.size(), audioSeconds, parallelism, rounds, options.sampleRate(),
        CpuClock.available() ? CpuClock.METHOD : "unavailable (no /proc)", results, ratio);
  }

  private record Timed(double wall, CpuClock.Reading cpu, Outcome outcome) {}

  private static Timed time(Pass design, List<Path> files) {
    CpuClock.Reading cpu0 = CpuClock.read();
    long wall0 = System.nanoTime();
    Outcome outcome = design.body.decode(files);
    double wall = (System.nanoTime() - wall0) / 1e9;
    CpuClock.Reading cpu1 = CpuClock.read();
    return new Timed(wall, new CpuClock.Reading(cpu1.self() - cpu0.self(), cpu1.children() - cpu0.children()), outcome);
  }

  private record Pass(String name, String description, Design body) {}

  @FunctionalInterface
  private interface Design {
    Outcome decode(List<Path> files);
  }

  /** Files that yielded audio, and how much (NaN where a design cannot tell). */
  private record Outcome(int decoded, double audioSeconds) {}

  private Outcome projectDecoder(List<Path> files) {
    return parallelDecoder(files.stream()
        .map(f -> new DecodeInput(f.toString(), InputStreamOpener.of(f)))
        .collect(Collectors.toList()));
  }

  private Outcome projectDecoderStream(List<Path> files) {
    return parallelDecoder(files.stream()
        .map(f -> new DecodeInput(f.toString(), () -> Files.newInputStream(f)))
        .collect(Collectors.toList()));
  }

  private Outcome parallelDecoder(List<DecodeInput> inputs) {
    AudioDecoder decoder = new AudioDecoder(options, ffmpeg);
    int decoded = 0;
    double seconds = 0;
    try (ParallelDecoder parallel = new ParallelDecoder(decoder, inputs.iterator(), parallelism)) {
      while (parallel.hasNext()) {
        if (parallel.next() instanceof DecodedClip clip) {
          decoded++;
          seconds += clip.durationSeconds();
        }
      }
    }
    return new Outcome(decoded, seconds);
  }

  private Outcome ffmpegCli(List<Path> files) {
    // Static round-robin split: the benchmark files are alike, so the loops finish together.
    List<List<Path>> shares = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) shares.add(new ArrayList<>());
    for (int i = 0; i < files.size(); i++) shares.get(i % parallelism).add(files.get(i));
    String command = shellWords(FfmpegPcmCommand.of(ffmpeg, "INPUT", "/dev/null", options)).replace("'INPUT'", "\"$f\"");
    String script = "for f in \"$@\"; do " + command + " 2>/dev/null || exit 1; done";
    List<Process> loops = new ArrayList<>();
    try {
      for (List<Path> share : shares) {
        if (share.isEmpty()) continue;
        List<String> argv = new ArrayList<>(List.of("bash", "-c", script, "ffmpeg-loop"));
        share.forEach(p -> argv.add(p.toString()));
        loops.add(new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD).start());
      }
      for (Process loop : loops) {
        if (loop.waitFor() != 0) throw new IllegalStateException("an ffmpeg CLI loop failed (exit " + loop.exitValue() + ")");
      }
      return new Outcome(files.size(), Double.NaN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      loops.forEach(Process::destroyForcibly);
    }
  }

  private Outcome javaFileInput(List<Path> files) {
    return perFileProcesses(files, file -> {
      Process process = new ProcessBuilder(FfmpegPcmCommand.of(ffmpeg, file.toString(), "pipe:1", options))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      PcmBuffer pcm = new PcmBuffer(options.windowSamples(), options.maxSamples());
      try (InputStream stdout = process.getInputStream()) {
        pcm.consume(stdout);
      }
      return process.waitFor() == 0 && pcm.count() > 0;
    });
  }

  private Outcome javaSpawnDevNull(List<Path> files) {
    return perFileProcesses(files, file -> {
      Process process = new ProcessBuilder(FfmpegPcmCommand.of(ffmpeg, file.toString(), "/dev/null", options))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor() == 0;
    });
  }

  @FunctionalInterface
  private interface FileJob {
    boolean run(Path file) throws IOException, InterruptedException;
  }

  /** P worker threads taking files from a shared queue, one ffmpeg each at a time. */
  private Outcome perFileProcesses(List<Path> files, FileJob job) {
    ExecutorService workers = Executors.newFixedThreadPool(parallelism);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger decoded = new AtomicInteger();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < parallelism; w++) {
        running.add(workers.submit(() -> {
          for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
            if (job.run(files.get(i))) decoded.incrementAndGet();
          }
          return null;
        }));
      }
      for (Future<?> worker : running) worker.get();
      return new Outcome(decoded.get(), Double.NaN);
    } catch (Exception e) {
      throw new IllegalStateException("benchmark design failed: " + e.getMessage(), e);
    } finally {
      workers.shutdownNow();
      try {
        workers.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String shellWords(List<String> words) {
    return words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
  }
}
