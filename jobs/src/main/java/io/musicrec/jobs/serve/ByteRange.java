package io.musicrec.jobs.serve;

import java.util.Optional;

/**
 * One byte range of a file, inclusive at both ends, as in {@code Content-Range}. Parses the single
 * ranges browsers send when seeking ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}); a
 * multi-range or non-byte request is answered with the whole file, which RFC 9110 allows.
 */
record ByteRange(long start, long end) {
  long length() {
    return end - start + 1;
  }

  String contentRange(long fileLength) {
    return "bytes " + start + "-" + end + "/" + fileLength;
  }

  /**
   * The range a {@code Range} header asks for within a file of {@code fileLength} bytes; empty
   * for the whole file. Throws 416 when the range lies entirely beyond the end of the file.
   */
  static Optional<ByteRange> parse(String header, long fileLength) {
    if (header == null) return Optional.empty();
    String h = header.trim();
    if (!h.startsWith("bytes=") || h.contains(",")) return Optional.empty();
    String spec = h.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) return Optional.empty();
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    try {
      if (first.isEmpty()) { // a suffix: the last n bytes
        long n = Long.parseLong(last);
        if (n <= 0 || fileLength == 0) throw new RangeNotSatisfiable(fileLength);
        return Optional.of(new ByteRange(Math.max(0, fileLength - n), fileLength - 1));
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
      if (end < start) return Optional.empty(); // invalid, so ignored
      if (start >= fileLength) throw new RangeNotSatisfiable(fileLength);
      return Optional.of(new ByteRange(start, Math.min(end, fileLength - 1)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a malformed Range header is ignored (RFC 9110 14.2)
    }
  }

  /** 416, carrying the length the response's {@code Content-Range: bytes *}{@code /len} needs. */
  static final class RangeNotSatisfiable extends ApiError {
    final long fileLength;

    RangeNotSatisfiable(long fileLength) {
      super(416, "range_not_satisfiable", "the requested range is beyond the end of the " + fileLength + "-byte file");
      this.fileLength = fileLength;
    }
  }
}
