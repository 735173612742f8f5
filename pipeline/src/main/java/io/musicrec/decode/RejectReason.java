package io.musicrec.decode;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a track was not decoded. The lowercase {@link #label()} is what reports show.
 *
 * <ul>
 *   <li>{@code empty}: the stream had zero bytes.
 *   <li>{@code io_error}: opening or reading the stream failed (the FileSystem's message).
 *   <li>{@code timeout}: the file took longer than the per-file limit.
 *   <li>{@code not_audio}: a readable file that is not audio: text, or a media file with no audio
 *       stream (e.g. an image).
 *   <li>{@code corrupt}: binary content no demuxer recognises, or ffmpeg failed after recognising
 *       the format.
 *   <li>{@code truncated}: what decoded is shorter than the clip minimum and there is evidence the
 *       file was cut: its header declares a longer duration, or ffmpeg reported decoding errors.
 *   <li>{@code too_short}: a sound file whose complete audio is shorter than the clip minimum.
 *   <li>{@code silent}: digital silence or near it (peak below -60 dBFS).
 * </ul>
 */
public enum RejectReason {
  EMPTY,
  IO_ERROR,
  TIMEOUT,
  NOT_AUDIO,
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
