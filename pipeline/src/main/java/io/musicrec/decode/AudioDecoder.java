package io.musicrec.decode;

import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Decodes one track with the bundled ffmpeg: the source stream is piped into ffmpeg's stdin (the
 * file never needs to be on local disk; a local file is given to ffmpeg as its stdin directly,
 * see {@link InputStreamOpener#localFile()}), mono float32 PCM at the model's rate comes back on
 * stdout, and the clip policy cuts it into equal-length windows. Thread-safe: one instance serves
 * all worker threads.
 *
 * <p>Every problem with a file comes back as a {@link Reject}, never as an exception. Rules, in
 * order:
 *
 * <ol>
 *   <li>{@code timeout}: no result within {@code timeoutS} (opening the stream included);
 *   <li>{@code io_error}: opening or reading the stream failed;
 *   <li>{@code empty}: the stream had zero bytes;
 *   <li>{@code not_audio}: media without an audio stream, or bytes no demuxer recognises that
 *       read as text; {@code corrupt}: binary bytes no demuxer recognises;
 *   <li>{@code corrupt}: ffmpeg recognised the format but failed (non-zero exit);
 *   <li>shorter than {@code clip.min_seconds}: {@code truncated} if the header declares a longer
 *       duration (MP3 Xing/Info frame count, a container's stated duration), or if ffmpeg reported
 *       decoding errors and some audio decoded (the file ends mid-frame); {@code corrupt} if it
 *       reported errors and nothing decoded; otherwise {@code too_short};
 *   <li>{@code silent}: peak below -60 dBFS over the whole decoded track.
 * </ol>
 *
 * A file with decoding errors that still yields at least the minimum is accepted: ffmpeg conceals
 * the damaged frames, and a usable clip is better than a lost track.
 *
 * <p>The only exception is {@link CancellationException}, when the calling thread is interrupted
 * (a killed task): the process is killed first and the interrupt flag stays set.
 */
public final class AudioDecoder {
  /** -60 dBFS: below this the track is digital silence, dither or hiss. */
  static final float SILENCE_PEAK = 0.001f;
  /** How much longer than decoded a declared duration must be to count as evidence of a cut. */
  private static final double DECLARED_SLACK_SECONDS = 0.1;

  private final DecodeOptions options;
  private final Path ffmpeg;

  public AudioDecoder(DecodeOptions options) {
    this(options, FfmpegBinary.path());
  }

  AudioDecoder(DecodeOptions options, Path ffmpeg) {
    this.options = options;
    this.ffmpeg = ffmpeg;
  }

  public DecodeOptions options() {
    return options;
  }

  /**
   * Decodes one track.
   *
   * @param path the track's path, echoed in the result
   * @param open opens the track's bytes; called on a decoder thread within the time limit
   */
  public DecodeResult decode(String path, InputStreamOpener open) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.timeoutS());
    List<String> command = FfmpegPcmCommand.of(ffmpeg, "pipe:0", "pipe:1", options);
    PcmBuffer pcm =
        new PcmBuffer(
            ClipCutter.samplesNeeded(options.clip(), options.windowSamples(), options.maxSamples()),
            options.maxSamples());
    Optional<Path> localFile = open.localFile();
    FfmpegPcmProcess started;
    if (localFile.isPresent()) {
      StreamHead head;
      try {
        head = StreamHead.read(localFile.get());
      } catch (IOException | RuntimeException e) {
        return new Reject(path, RejectReason.IO_ERROR, describe(e));
      }
      started = FfmpegPcmProcess.fileAsStdin(command, localFile.get(), head, pcm);
    } else {
      started = FfmpegPcmProcess.pipeFrom(command, open, pcm);
    }
    try (FfmpegPcmProcess run = started) {
      if (!run.awaitCompletion(deadline)) {
        return new Reject(
            path,
            RejectReason.TIMEOUT,
            "no result within " + options.timeoutS() + " s (" + run.head().bytesSeen() + " bytes read)");
      }
      return classify(path, run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("decoding " + path + " was interrupted");
    }
  }

  private DecodeResult classify(String path, FfmpegPcmProcess run) {
    Exception sourceError = run.sourceError();
    if (sourceError != null) return new Reject(path, RejectReason.IO_ERROR, describe(sourceError));
    if (run.outputError() != null) {
      return new Reject(path, RejectReason.IO_ERROR, "reading ffmpeg output: " + describe(run.outputError()));
    }
    StreamHead head = run.head();
    if (head.bytesSeen() == 0) return new Reject(path, RejectReason.EMPTY, "zero bytes");

    FfmpegLog log = run.log();
    if (log.noAudioStream()) {
      return new Reject(path, RejectReason.NOT_AUDIO, "no audio stream: " + log.errorSummary());
    }
    if (log.unreadableInput() || !log.inputOpened()) {
      return head.looksLikeText()
          ? new Reject(path, RejectReason.NOT_AUDIO, "text, not audio")
          : new Reject(path, RejectReason.CORRUPT, "no audio format recognised: " + log.errorSummary());
    }
    if (run.exitCode() != 0) {
      return new Reject(path, RejectReason.CORRUPT, "ffmpeg failed (exit " + run.exitCode() + "): " + log.errorSummary());
    }

    PcmBuffer pcm = run.pcm();
    int rate = options.sampleRate();
    Optional<Mp3InfoTag> mp3Tag = Mp3InfoTag.parse(head.audioStart());
    mp3Tag.filter(Mp3InfoTag::exact).ifPresent(tag -> trimEndPadding(pcm, tag));
    double decoded = (double) pcm.count() / rate;

    if (pcm.count() < options.minSamples()) {
      double declared = Math.max(mp3Tag.map(Mp3InfoTag::seconds).orElse(0.0), nanToZero(log.declaredSeconds()));
      if (declared > decoded + DECLARED_SLACK_SECONDS) {
        return new Reject(path, RejectReason.TRUNCATED, String.format(Locale.ROOT,
            "decoded %.2f s of the %.2f s its header declares", decoded, declared));
      }
      if (log.errorLines() > 0) {
        return pcm.count() > 0
            ? new Reject(path, RejectReason.TRUNCATED, String.format(Locale.ROOT,
                "decoded %.2f s, then: %s", decoded, log.errorSummary()))
            : new Reject(path, RejectReason.CORRUPT, "nothing decodable: " + log.errorSummary());
      }
      return new Reject(path, RejectReason.TOO_SHORT, String.format(Locale.ROOT,
          "%.2f s, minimum %.2f s", decoded, options.clip().minSeconds()));
    }
    if (pcm.peak() < SILENCE_PEAK) {
      return new Reject(path, RejectReason.SILENT, String.format(Locale.ROOT,
          "peak %.1f dBFS", 20 * Math.log10(Math.max(pcm.peak(), 1e-10))));
    }
    float[][] windows = ClipCutter.cut(pcm.samples(), pcm.count(), options.clip(), options.windowSamples());
    return new DecodedClip(path, windows, rate, decoded);
  }

  /**
   * Piped MP3s decode with the encoder's end padding left on (up to a frame of near-silence);
   * the LAME tag says exactly how long the track is, so cut the output to that.
   */
  private void trimEndPadding(PcmBuffer pcm, Mp3InfoTag tag) {
    long expected = tag.samplesAt(options.sampleRate());
    long oneFrame = Math.round(1152.0 * options.sampleRate() / tag.sourceRate()) + 64;
    long extra = pcm.count() - expected;
    if (extra > 0 && extra <= oneFrame) pcm.truncate(expected);
  }

  private static double nanToZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
