package io.musicrec.decode;

import io.musicrec.audio.FfmpegBinary;
import io.musicrec.reject.RejectCode;
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
 *   <li>{@code not_a_file}: a local path that is not a regular file (FIFO, device, socket) is
 *       refused by its type before it is opened: opening a FIFO blocks until a writer appears,
 *       and a device may never end;
 *   <li>{@code timeout}: no result within {@code timeoutS} (opening the stream included);
 *   <li>{@code io_error}: opening or reading the stream failed;
 *   <li>{@code empty}: the stream had zero bytes;
 *   <li>{@code not_audio}: media without an audio stream, or bytes no demuxer recognises that
 *       read as text;
 *   <li>{@code unsupported}: audio the bundled ffmpeg cannot decode: it says it has no decoder for
 *       the codec, or the bytes are a tracker module or MIDI (see {@link AudioSignatures});
 *   <li>{@code corrupt}: binary bytes no demuxer recognises, or ffmpeg recognised the format but
 *       failed (non-zero exit);
 *   <li>{@code truncated}: what decoded falls short of the duration the header declares (MP3
 *       Xing/Info frame count, a container's stated duration, capped at {@code maxSeconds}) by
 *       more than {@link #CUT_SLACK_SECONDS} or {@link #CUT_SLACK_SHARE} of it, whichever is
 *       larger: one rule for every length, so a file cut to a third is rejected like one cut to a
 *       tenth;
 *   <li>shorter than {@code clip.min_seconds}: {@code truncated} if ffmpeg reported decoding errors
 *       and some audio decoded (the file ends mid-frame), {@code corrupt} if it reported errors
 *       and nothing decoded, otherwise {@code too_short};
 *   <li>{@code silent}: peak below -60 dBFS over the whole decoded track.
 * </ol>
 *
 * A track longer than {@code maxSeconds} is decoded up to that length and marked
 * {@link DecodedClip#capped()}, so its stored duration is known to be a floor.
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
  /**
   * How much shorter than its declared duration a decode may be before the file counts as cut:
   * the larger of these two. Real encodings decode within a frame or two of their header (tens of
   * milliseconds); the share leaves room for headers that count frames loosely on long files.
   */
  static final double CUT_SLACK_SECONDS = 0.25;
  static final double CUT_SLACK_SHARE = 0.01;

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
        Optional<String> special = FileKinds.special(localFile.get());
        if (special.isPresent()) {
          return new Reject(path, RejectCode.NOT_A_FILE, special.get() + ", not a regular file");
        }
        head = StreamHead.read(localFile.get());
      } catch (IOException | RuntimeException e) {
        return new Reject(path, RejectCode.IO_ERROR, describe(e));
      }
      started = FfmpegPcmProcess.fileAsStdin(command, localFile.get(), head, pcm);
    } else {
      started = FfmpegPcmProcess.pipeFrom(command, open, pcm);
    }
    try (FfmpegPcmProcess run = started) {
      if (!run.awaitCompletion(deadline)) {
        return new Reject(path, RejectCode.TIMEOUT, "no result within " + options.timeoutS() + " s (" + run.progress() + ")");
      }
      return classify(path, run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("decoding " + path + " was interrupted");
    }
  }

  private DecodeResult classify(String path, FfmpegPcmProcess run) {
    Exception sourceError = run.sourceError();
    if (sourceError != null) return new Reject(path, RejectCode.IO_ERROR, describe(sourceError));
    if (run.outputError() != null) {
      return new Reject(path, RejectCode.IO_ERROR, "reading ffmpeg output: " + describe(run.outputError()));
    }
    StreamHead head = run.head();
    if (head.bytesSeen() == 0) return new Reject(path, RejectCode.EMPTY, "zero bytes");

    FfmpegLog log = run.log();
    if (log.noAudioStream()) {
      return new Reject(path, RejectCode.NOT_AUDIO, "no audio stream: " + log.errorSummary());
    }
    if (log.unreadableInput() || !log.inputOpened()) {
      Optional<String> unsupported = unsupported(head, log);
      if (unsupported.isPresent()) return new Reject(path, RejectCode.UNSUPPORTED, unsupported.get());
      return head.looksLikeText()
          ? new Reject(path, RejectCode.NOT_AUDIO, "text, not audio")
          : new Reject(path, RejectCode.CORRUPT, "no audio format recognised: " + log.errorSummary());
    }
    if (run.exitCode() != 0) {
      if (log.codecMissing()) {
        return new Reject(path, RejectCode.UNSUPPORTED, "the bundled ffmpeg has no decoder for its codec" + colon(log.errorSummary()));
      }
      return new Reject(path, RejectCode.CORRUPT, "ffmpeg failed (exit " + run.exitCode() + "): " + log.errorSummary());
    }

    PcmBuffer pcm = run.pcm();
    int rate = options.sampleRate();
    Optional<Mp3InfoTag> mp3Tag = Mp3InfoTag.parse(head.audioStart());
    mp3Tag.filter(Mp3InfoTag::exact).ifPresent(tag -> trimEndPadding(pcm, tag));
    double decoded = (double) pcm.count() / rate;
    boolean capped = pcm.count() >= options.maxSamples();

    double declared = Math.min(options.maxSeconds(),
        Math.max(mp3Tag.map(Mp3InfoTag::seconds).orElse(0.0), nanToZero(log.declaredSeconds())));
    if (!capped && declared - decoded > Math.max(CUT_SLACK_SECONDS, CUT_SLACK_SHARE * declared)) {
      return new Reject(path, RejectCode.TRUNCATED, String.format(Locale.ROOT,
          "decoded %.2f s of the %.2f s its header declares", decoded, declared));
    }
    if (pcm.count() < options.minSamples()) {
      if (log.errorLines() > 0) {
        return pcm.count() > 0
            ? new Reject(path, RejectCode.TRUNCATED, String.format(Locale.ROOT,
                "decoded %.2f s, then: %s", decoded, log.errorSummary()))
            : new Reject(path, RejectCode.CORRUPT, "nothing decodable: " + log.errorSummary());
      }
      return new Reject(path, RejectCode.TOO_SHORT, String.format(Locale.ROOT,
          "%.2f s, minimum %.2f s", decoded, options.clip().minSeconds()));
    }
    if (pcm.peak() < SILENCE_PEAK) {
      return new Reject(path, RejectCode.SILENT, String.format(Locale.ROOT,
          "peak %.1f dBFS", 20 * Math.log10(Math.max(pcm.peak(), 1e-10))));
    }
    float[][] windows = ClipCutter.cut(pcm.samples(), pcm.count(), options.clip(), options.windowSamples());
    return new DecodedClip(path, windows, rate, decoded, capped);
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

  /** Why ffmpeg could not open a file that holds audio it cannot decode, if that is the case. */
  private static Optional<String> unsupported(StreamHead head, FfmpegLog log) {
    byte[] start = head.audioStart();
    Optional<String> format = AudioSignatures.undecodable(start);
    if (format.isPresent()) return Optional.of(format.get() + ", which the bundled ffmpeg cannot decode");
    if (log.codecMissing()) {
      String container = AudioSignatures.ogg(start) ? "an Ogg stream" : "a stream";
      return Optional.of(container + " whose codec the bundled ffmpeg cannot decode" + colon(log.errorSummary()));
    }
    return Optional.empty();
  }

  private static String colon(String summary) {
    return summary.isBlank() ? "" : ": " + summary;
  }

  private static double nanToZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
