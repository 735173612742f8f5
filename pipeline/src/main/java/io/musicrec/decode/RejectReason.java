package io.musicrec.decode;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a track was not decoded. The lowercase {@link #label()} is what reports show.
 *
 * <ul>
 *   <li>{@code not_a_file}: the path names something that is not a regular file (a FIFO, a device,
 *       a socket); it is refused before it is opened, since opening a FIFO blocks until a writer
 *       appears and a device such as {@code /dev/zero} never ends.
 *   <li>{@code broken_link}: a symbolic link whose target is missing or that loops (listing).
 *   <li>{@code duplicate_id}: another file with the same track id (file stem) was kept (listing).
 *   <li>{@code empty}: the stream had zero bytes.
 *   <li>{@code io_error}: opening or reading the stream failed (the FileSystem's message).
 *   <li>{@code timeout}: the file took longer than the per-file limit.
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
 * </ul>
 */
public enum RejectReason {
  NOT_A_FILE,
  BROKEN_LINK,
  DUPLICATE_ID,
  EMPTY,
  IO_ERROR,
  TIMEOUT,
  NOT_AUDIO,
  UNSUPPORTED,
  CORRUPT,
  TRUNCATED,
  TOO_SHORT,
  SILENT;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
