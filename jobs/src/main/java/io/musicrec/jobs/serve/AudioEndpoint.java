package io.musicrec.jobs.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * {@code GET|HEAD /api/audio/{id}}: a catalogue track's audio file, whole (200) or one byte range
 * (206 with {@code Content-Range}), so a browser's audio element can seek. The file is the one the
 * store names for that id; the request only ever chooses an id.
 */
final class AudioEndpoint {
  private final Discovery discovery;
  private final TrackFiles files;

  AudioEndpoint(Discovery discovery, TrackFiles files) {
    this.discovery = discovery;
    this.files = files;
  }

  void serve(ApiRequest request, String id) throws IOException {
    Track track = discovery.track(id);
    if (track.url() == null) throw ApiError.notFound("track '" + id + "' has no audio location in the index");
    long length;
    try {
      length = files.length(track.url());
    } catch (FileNotFoundException e) {
      throw new ApiError(404, "audio_missing", "the audio file of track '" + id + "' is no longer at its indexed location");
    }
    Optional<ByteRange> range = ByteRange.parse(request.header("Range"), length);
    HttpExchange exchange = request.exchange();
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", files.mediaType(track.url(), length));
    headers.set("Accept-Ranges", "bytes");
    headers.set("Cache-Control", "private, max-age=3600");
    headers.set("X-Content-Type-Options", "nosniff");
    range.ifPresent(r -> headers.set("Content-Range", r.contentRange(length)));
    int status = range.isPresent() ? 206 : 200;
    long start = range.map(ByteRange::start).orElse(0L);
    long count = range.map(ByteRange::length).orElse(length);

    if (request.method().equals("HEAD")) {
      headers.set("Content-Length", Long.toString(count));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    try (InputStream in = files.open(track.url(), start)) {
      try {
        exchange.sendResponseHeaders(status, count == 0 ? -1 : count);
      } catch (IOException e) {
        throw new ClientGone("client left before the audio of " + id + " started", e);
      }
      copy(in, exchange.getResponseBody(), count, id);
    }
  }

  /** Copies {@code count} bytes; a read failure is the server's problem, a write failure the client's. */
  private static void copy(InputStream in, OutputStream out, long count, String id) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new IOException("audio file of " + id + " ended " + left + " bytes early");
      try {
        out.write(buffer, 0, n);
      } catch (IOException e) {
        // Browsers drop a stream whenever the listener seeks or stops: routine, not a server fault.
        throw new ClientGone("client closed the audio stream of " + id + " after " + (count - left) + " of " + count + " bytes", e);
      }
      left -= n;
    }
  }
}
