package io.musicrec.decode;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ffmpeg's stderr (at {@code -loglevel level+info}) says about one decode, kept as a few
 * facts and the first and last error lines. Bounded however much ffmpeg writes: long lines are
 * cut and only counts grow.
 */
final class FfmpegLog {
  private static final int MAX_LINE = 400;
  private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)");

  private volatile boolean inputOpened;
  private volatile boolean unreadableInput;
  private volatile boolean noAudioStream;
  private volatile boolean codecMissing;
  private volatile double declaredSeconds = Double.NaN;
  private volatile int errorLines;
  private volatile String firstError;
  private volatile String lastError;

  /** Reads the stream to its end; runs on its own thread. */
  void consume(InputStream stderr) throws IOException {
    StringBuilder line = new StringBuilder();
    byte[] buf = new byte[8192];
    int n;
    while ((n = stderr.read(buf)) >= 0) {
      for (int i = 0; i < n; i++) {
        char c = (char) (buf[i] & 0xff);
        if (c == '\n' || c == '\r') {
          if (line.length() > 0) accept(line.toString());
          line.setLength(0);
        } else if (line.length() < MAX_LINE) {
          line.append(c);
        }
      }
    }
    if (line.length() > 0) accept(line.toString());
  }

  void accept(String line) {
    if (line.contains("Input #0")) inputOpened = true;
    if (line.contains("matches no streams") || line.contains("does not contain any stream")) {
      noAudioStream = true;
    }
    if (line.contains("Codec not found") || line.contains("Unsupported codec")
        || (line.contains("Decoder (codec") && line.contains("not found"))) {
      codecMissing = true;
    }
    if (!inputOpened && line.contains("Invalid data found when processing input")) unreadableInput = true;
    Matcher duration = DURATION.matcher(line);
    if (duration.find()) {
      declaredSeconds =
          Integer.parseInt(duration.group(1)) * 3600.0
              + Integer.parseInt(duration.group(2)) * 60.0
              + Double.parseDouble(duration.group(3));
    }
    if (line.contains("[error]") || line.contains("[fatal]")) {
      errorLines++;
      String message = line.replaceFirst("^.*?\\[(error|fatal)\\]\\s*", "");
      if (firstError == null) firstError = message;
      lastError = message;
    }
  }

  /** ffmpeg recognised the container and printed its streams. */
  boolean inputOpened() {
    return inputOpened;
  }

  /** No demuxer recognised the bytes. */
  boolean unreadableInput() {
    return unreadableInput;
  }

  /** The input is media but has no audio stream (e.g. an image). */
  boolean noAudioStream() {
    return noAudioStream;
  }

  /** ffmpeg recognised the container but has no decoder for its codec. */
  boolean codecMissing() {
    return codecMissing;
  }

  /** The duration the container declares (FLAC's STREAMINFO, for instance), NaN if unknown. */
  double declaredSeconds() {
    return declaredSeconds;
  }

  /** Error and fatal messages after the input was opened: decoding errors, corrupt packets. */
  int errorLines() {
    return errorLines;
  }

  /** A one-line summary of what went wrong, for reject details. */
  String errorSummary() {
    if (firstError == null) return "";
    if (errorLines == 1 || firstError.equals(lastError)) {
      return errorLines == 1 ? firstError : firstError + " (" + errorLines + " errors)";
    }
    return firstError + " ... " + lastError + " (" + errorLines + " errors)";
  }
}
