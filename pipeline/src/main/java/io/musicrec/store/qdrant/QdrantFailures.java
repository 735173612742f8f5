package io.musicrec.store.qdrant;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Which failed calls are worth repeating, following Qdrant's own split of its errors
 * ({@code CollectionError::is_transient} and the StorageError-to-gRPC mapping in its source):
 *
 * <ul>
 *   <li>UNAVAILABLE (node or shard unavailable, connection lost), DEADLINE_EXCEEDED, ABORTED:
 *       transient.
 *   <li>INTERNAL: Qdrant's service errors, cancelled operations ("Operation cancelled") and
 *       out-of-memory are transient; "Object Store error" is not.
 *   <li>FAILED_PRECONDITION: Qdrant's "Pre-condition failure" (e.g. a shard not ready after a
 *       restart) is transient; "Storage locked" (an operator locked writes) is not.
 *   <li>RESOURCE_EXHAUSTED: the server's rate limit, transient; its {@code retry-after} trailer
 *       (seconds) is honoured. A message over gRPC's size limit also reports RESOURCE_EXHAUSTED,
 *       from the client library itself; repeating it cannot help.
 *   <li>Everything else (INVALID_ARGUMENT, NOT_FOUND, UNAUTHENTICATED, ...): permanent.
 * </ul>
 */
final class QdrantFailures {
  static final Metadata.Key<String> RETRY_AFTER = Metadata.Key.of("retry-after", Metadata.ASCII_STRING_MARSHALLER);

  /** How to treat one failure: whether to retry, and the least wait the server asked for. */
  record Verdict(boolean transientFailure, long retryAfterMs) {}

  private QdrantFailures() {}

  static Verdict classify(Status status, Metadata trailers) {
    String description = status.getDescription() == null ? "" : status.getDescription();
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED -> new Verdict(true, 0);
      case INTERNAL -> new Verdict(!description.contains("Object Store error"), 0);
      case FAILED_PRECONDITION -> new Verdict(!description.contains("Storage locked"), 0);
      case RESOURCE_EXHAUSTED -> isMessageSizeLimit(description)
          ? new Verdict(false, 0)
          : new Verdict(true, retryAfterMs(trailers));
      default -> new Verdict(false, 0);
    };
  }

  /** grpc-java's own wording when a message is over the size limit, inbound or outbound. */
  static boolean isMessageSizeLimit(String description) {
    String d = description.toLowerCase(java.util.Locale.ROOT);
    return d.contains("exceeds maximum size") || d.contains("message too large") || d.contains("larger than max");
  }

  private static long retryAfterMs(Metadata trailers) {
    if (trailers == null) return 0;
    String value = trailers.get(RETRY_AFTER);
    if (value == null) return 0;
    try {
      return Math.max(0, (long) Math.ceil(Double.parseDouble(value.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 0; // an HTTP date or garbage: fall back to our own backoff
    }
  }
}
