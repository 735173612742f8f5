package io.musicrec.testing.qdrant;

import io.grpc.Status;

/**
 * What the test server does to one Upsert call instead of (or besides) answering it normally.
 *
 * @param status the status the call fails with, or null to answer normally
 * @param applyFirst apply the batch before failing, as when the connection drops after the server
 *     did the work but before the client got the reply
 * @param delayMs wait this long before answering (beyond the client's deadline: DEADLINE_EXCEEDED
 *     on the client while the server still applies the batch)
 */
public record Fault(Status status, boolean applyFirst, long delayMs) {

  /** Refused before doing anything, e.g. a node restarting. */
  public static Fault unavailable() {
    return new Fault(Status.UNAVAILABLE.withDescription("injected: node unavailable"), false, 0);
  }

  public static Fault resourceExhausted() {
    return new Fault(Status.RESOURCE_EXHAUSTED.withDescription("injected: too many requests"), false, 0);
  }

  public static Fault aborted() {
    return new Fault(Status.ABORTED.withDescription("injected: aborted"), false, 0);
  }

  /** Applies the batch, then the reply is lost as if the connection dropped mid-call. */
  public static Fault droppedAfterApply() {
    return new Fault(Status.UNAVAILABLE.withDescription("injected: connection dropped after apply"), true, 0);
  }

  /** Applies and answers, but only after {@code delayMs}. */
  public static Fault slow(long delayMs) {
    return new Fault(null, true, delayMs);
  }

  public static Fault invalidArgument(String message) {
    return new Fault(Status.INVALID_ARGUMENT.withDescription(message), false, 0);
  }

  public static Fault unauthenticated() {
    return new Fault(Status.UNAUTHENTICATED.withDescription("injected: invalid api key"), false, 0);
  }
}
