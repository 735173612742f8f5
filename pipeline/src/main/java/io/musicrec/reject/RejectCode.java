package io.musicrec.reject;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why a listed track was left out of the index, whichever stage found it: the listing, the decoder,
 * the model or the index job. The lowercase {@link #code()} is what reports, the listing's
 * {@code reject_reason} column and the serve API show; it is stable, other tools read it.
 *
 * <ul>
 *   <li>{@code not_a_file}: the path names something that is not a regular file (a FIFO, a device,
 *       a socket); it is refused before it is opened, since opening a FIFO blocks until a writer
 *       appears and a device such as {@code /dev/zero} never ends (listing).
 *   <li>{@code broken_link}: a symbolic link whose target is missing or that loops (listing).
 *   <li>{@code duplicate_id}: another file with the same track id (file stem) was kept (listing).
 *   <li>{@code empty}: the stream had zero bytes.
 *   <li>{@code io_error}: listing, opening or reading the file failed (the FileSystem's message).
 *       Transient.
 *   <li>{@code timeout}: the file took longer than the per-file limit. Transient.
 *   <li>{@code not_audio}: a readable file that is not audio: text, or a media file with no audio
 *       stream (e.g. an image).
 *   <li>{@code unsupported}: audio in a format or codec the bundled ffmpeg cannot decode: a
 *       tracker module (XM, IT, S3M, MOD), MIDI, or a container (Ogg) whose codec ffmpeg lacks.
 *   <li>{@code corrupt}: binary content no demuxer recognises, or ffmpeg failed after recognising
 *       the format.
 *   <li>{@code truncated}: the file was cut: what decoded falls short of the duration its header
 *       declares (at any length), or it is shorter than the clip minimum and ffmpeg reported
 *       decoding errors.
 *   <li>{@code too_short}: a sound file whose complete audio is shorter than the clip minimum.
 *   <li>{@code silent}: digital silence or near it (peak below -60 dBFS).
 *   <li>{@code non_finite_input}: the decoded samples hold NaN or infinity (model stage).
 *   <li>{@code non_finite_output}: the model produced NaN or infinity for the track (model stage).
 * </ul>
 */
public enum RejectCode {
  NOT_A_FILE,
  BROKEN_LINK,
  DUPLICATE_ID,
  EMPTY,
  IO_ERROR(Kind.TRANSIENT),
  TIMEOUT(Kind.TRANSIENT),
  NOT_AUDIO,
  UNSUPPORTED,
  CORRUPT,
  TRUNCATED,
  TOO_SHORT,
  SILENT,
  NON_FINITE_INPUT(Kind.MODEL),
  NON_FINITE_OUTPUT(Kind.MODEL);

  /** What a reject says about the file. */
  private enum Kind {
    /** The file is unusable as it is. */
    FILE,
    /** This attempt to read it failed; the file itself may be fine. */
    TRANSIENT,
    /** The audio decoded, and the model could not embed it. */
    MODEL
  }

  private static final Map<String, RejectCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(RejectCode::code, Function.identity()));

  private final Kind kind;

  RejectCode() {
    this(Kind.FILE);
  }

  RejectCode(Kind kind) {
    this.kind = kind;
  }

  /** The stable lowercase text reports and columns carry, e.g. {@code not_audio}. */
  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * True when the reject is about this attempt to read the file, not about the file (a failed or
   * timed-out read): an incremental run keeps the track's stored point until a run can read it.
   */
  public boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }

  /** True when the audio decoded and the model refused it: reports count such tracks as decoded. */
  public boolean afterDecoding() {
    return kind == Kind.MODEL;
  }

  /** The code for a {@link #code()} text, as the listing's {@code reject_reason} column holds it. */
  public static RejectCode fromCode(String code) {
    RejectCode found = BY_CODE.get(code);
    if (found == null) throw new IllegalArgumentException("unknown reject code '" + code + "'; known: " + BY_CODE.keySet());
    return found;
  }

  @Override
  public String toString() {
    return code();
  }
}
