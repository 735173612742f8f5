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
 * @param threads request threads (audio streaming holds one per playing listener)
 */
public record ServeOptions(
    String host, int port, long maxUploadBytes, int uploadTimeoutS, int maxConcurrentUploads, int threads) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L << 20;

  public ServeOptions {
    if (host == null || host.isBlank()) host = "127.0.0.1";
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
    if (maxUploadBytes <= 0) throw new IllegalArgumentException("maxUploadBytes must be positive");
    if (uploadTimeoutS <= 0) throw new IllegalArgumentException("uploadTimeoutS must be positive");
    if (maxConcurrentUploads <= 0) throw new IllegalArgumentException("maxConcurrentUploads must be positive");
    if (threads <= 0) throw new IllegalArgumentException("threads must be positive");
  }

  /** Loopback on {@code port}, 20 MB uploads decoded within 30 s, two at a time, 16 threads. */
  public static ServeOptions onPort(int port) {
    return new ServeOptions("127.0.0.1", port, DEFAULT_MAX_UPLOAD_BYTES, 30, 2, 16);
  }

  public ServeOptions withHost(String newHost) {
    return new ServeOptions(newHost, port, maxUploadBytes, uploadTimeoutS, maxConcurrentUploads, threads);
  }

  public ServeOptions withMaxUploadBytes(long bytes) {
    return new ServeOptions(host, port, bytes, uploadTimeoutS, maxConcurrentUploads, threads);
  }
}
