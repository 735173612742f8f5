package io.musicrec.jobs.serve;

/**
 * How the discovery server listens and the limits it enforces on each request.
 *
 * @param host address to bind; {@code 127.0.0.1} keeps it on this machine, {@code 0.0.0.0} serves
 *     the network
 * @param port TCP port; 0 picks a free one (see {@link MusicServer#port()})
 * @param maxUploadBytes audio uploads larger than this get 413 before any decoding
 * @param uploadTimeoutS decoding one upload gives up after this long (reason {@code timeout})
 * @param maxConcurrentUploads uploads decoded and embedded at once; more wait, then get 503
 * @param threads request threads: one per request whose headers have arrived, while it is answered
 *     (audio streaming holds one per playing listener; a request still sending headers holds none)
 * @param idleTimeoutS a connection on which nothing moves for this long is closed: a stalled
 *     request line, headers or body, an idle keep-alive, or a listener that stopped reading
 * @param requestTimeoutS a request body (upload or JSON) must arrive within this long; the answer
 *     has no such limit, so slow listeners can stream audio for as long as it keeps moving
 */
public record ServeOptions(
    String host, int port, long maxUploadBytes, int uploadTimeoutS, int maxConcurrentUploads, int threads,
    int idleTimeoutS, int requestTimeoutS) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L << 20;

  public ServeOptions {
    if (host == null || host.isBlank()) host = "127.0.0.1";
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
    if (maxUploadBytes <= 0) throw new IllegalArgumentException("maxUploadBytes must be positive");
    if (uploadTimeoutS <= 0) throw new IllegalArgumentException("uploadTimeoutS must be positive");
    if (maxConcurrentUploads <= 0) throw new IllegalArgumentException("maxConcurrentUploads must be positive");
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive");
    if (idleTimeoutS <= 0) throw new IllegalArgumentException("idleTimeoutS must be positive");
    if (requestTimeoutS <= 0) throw new IllegalArgumentException("requestTimeoutS must be positive");
  }

  /**
   * Loopback on {@code port}, 20 MB uploads decoded within 30 s, two at a time, 64 request threads,
   * connections idle for 15 s closed, request bodies within 30 s.
   */
  public static ServeOptions onPort(int port) {
    return new ServeOptions("127.0.0.1", port, DEFAULT_MAX_UPLOAD_BYTES, 30, 2, 64, 15, 30);
  }

  public ServeOptions withHost(String newHost) {
    return new ServeOptions(newHost, port, maxUploadBytes, uploadTimeoutS, maxConcurrentUploads, threads, idleTimeoutS, requestTimeoutS);
  }

  public ServeOptions withMaxUploadBytes(long bytes) {
    return new ServeOptions(host, port, bytes, uploadTimeoutS, maxConcurrentUploads, threads, idleTimeoutS, requestTimeoutS);
  }

  public ServeOptions withTimeouts(int newIdleTimeoutS, int newRequestTimeoutS) {
    return new ServeOptions(host, port, maxUploadBytes, uploadTimeoutS, maxConcurrentUploads, threads, newIdleTimeoutS, newRequestTimeoutS);
  }
}
