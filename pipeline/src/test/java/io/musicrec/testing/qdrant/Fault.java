package io.musicrec.testing.qdrant;

import io.grpc.Status;
import io.qdrant.client.grpc.Points;
import java.util.Map;

/**
 * What the test server does to one Upsert call instead of (or besides) answering it normally. The
 * statuses and descriptions are those Qdrant's source produces for the same conditions.
 *
 * @param status the status the call fails with, or null to answer normally
 * @param applyFirst apply the batch before failing, as when the connection drops after the server
 *     did the work but before the client got the reply
 * @param delayMs wait this long before answering (beyond the client's deadline: DEADLINE_EXCEEDED
 *     on the client while the server still applies the batch)
 * @param trailers metadata sent with the failure (Qdrant's {@code retry-after} on rate limits)
 * @param reply the UpdateResult status of a normal answer, or null for what the request's wait asks
 */
public record Fault(Status status, boolean applyFirst, long delayMs, Map<String, String> trailers, Points.UpdateStatus reply) {

  public Fault {
    trailers = trailers == null ? Map.of() : Map.copyOf(trailers);
  }

  private static Fault failing(Status status) {
    return new Fault(status, false, 0, Map.of(), null);
  }

  /** Refused before doing anything, e.g. a node restarting. */
  public static Fault unavailable() {
    return failing(Status.UNAVAILABLE.withDescription("injected: node unavailable"));
  }

  /** A rate limit without a retry-after hint. */
  public static Fault resourceExhausted() {
    return failing(Status.RESOURCE_EXHAUSTED.withDescription("injected: too many requests"));
  }

  /** Qdrant's rate limiter: RESOURCE_EXHAUSTED with a {@code retry-after} trailer in seconds. */
  public static Fault rateLimited(int retryAfterSeconds) {
    return new Fault(Status.RESOURCE_EXHAUSTED.withDescription("Rate limiting exceeded: Write rate limit exceeded"),
        false, 0, Map.of("retry-after", Integer.toString(retryAfterSeconds)), null);
  }

  public static Fault aborted() {
    return failing(Status.ABORTED.withDescription("injected: aborted"));
  }

  /** Qdrant's CollectionError::Cancelled, reported as a service error (INTERNAL). */
  public static Fault cancelled() {
    return failing(Status.INTERNAL.withDescription("Service internal error: Operation cancelled: injected cancellation"));
  }

  /** Qdrant's CollectionError::OutOfMemory (INTERNAL). */
  public static Fault outOfMemory() {
    return failing(Status.INTERNAL.withDescription("Service internal error: Out of memory, free: 1024, injected"));
  }

  /** Qdrant's PreconditionFailed, e.g. a shard not ready after a restart (FAILED_PRECONDITION). */
  public static Fault shardNotReady() {
    return failing(Status.FAILED_PRECONDITION.withDescription("Pre-condition failure: No target shard 0 found for update"));
  }

  /** Writes locked by an operator (Qdrant's StorageError::Locked, FAILED_PRECONDITION): not transient. */
  public static Fault storageLocked() {
    return failing(Status.FAILED_PRECONDITION.withDescription("Storage locked: injected maintenance lock"));
  }

  /** Applies the batch, then the reply is lost as if the connection dropped mid-call. */
  public static Fault droppedAfterApply() {
    return new Fault(Status.UNAVAILABLE.withDescription("injected: connection dropped after apply"), true, 0, Map.of(), null);
  }

  /** Applies and answers, but only after {@code delayMs}. */
  public static Fault slow(long delayMs) {
    return new Fault(null, true, delayMs, Map.of(), null);
  }

  /** Answers without error but with an UpdateResult status other than Completed, e.g. WaitTimeout. */
  public static Fault answers(Points.UpdateStatus status, boolean applied) {
    return new Fault(null, applied, 0, Map.of(), status);
  }

  public static Fault invalidArgument(String message) {
    return failing(Status.INVALID_ARGUMENT.withDescription(message));
  }

  public static Fault unauthenticated() {
    return failing(Status.UNAUTHENTICATED.withDescription("injected: invalid api key"));
  }
}
