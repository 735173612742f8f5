package io.musicrec.store.qdrant;

import io.grpc.Status;
import io.musicrec.store.StoreCredentialsException;
import io.musicrec.store.StoreException;

/** Turns gRPC statuses into messages that say what went wrong and what to do about it. */
final class QdrantErrors {
  private QdrantErrors() {}

  /** UNAUTHENTICATED (no or a wrong key) or PERMISSION_DENIED (Qdrant's read-only key asked to write). */
  static boolean refusedCredentials(Status status) {
    return status.getCode() == Status.Code.UNAUTHENTICATED || status.getCode() == Status.Code.PERMISSION_DENIED;
  }

  static String credentialsHint(Status status) {
    return status.getCode() == Status.Code.PERMISSION_DENIED
        ? "Qdrant refused to let this API key write (a read-only key?): set a key with write access in qdrant.api_key or QDRANT_API_KEY"
        : "Qdrant refused the credentials: set the right API key in qdrant.api_key or QDRANT_API_KEY";
  }

  static StoreException permanent(String what, String server, Status status, Throwable cause) {
    String detail = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    if (refusedCredentials(status)) {
      return new StoreCredentialsException(credentialsHint(status) + " (" + what + " at " + server + ": " + detail + ")");
    }
    String hint = switch (status.getCode()) {
      case INVALID_ARGUMENT ->
          "Qdrant rejected the request: check that vectors have the collection's dimension and that names are valid";
      case NOT_FOUND -> "Qdrant has no such collection or point: check the collection name or run the index job first";
      case ALREADY_EXISTS -> "it already exists in Qdrant";
      case UNIMPLEMENTED -> "this Qdrant server does not support the call: musicrec needs Qdrant "
          + QdrantVersion.QUERY_API + " or newer (" + QdrantVersion.SUM_SCORES + " for the sum_scores strategy)";
      case RESOURCE_EXHAUSTED -> QdrantFailures.isMessageSizeLimit(status.getDescription() == null ? "" : status.getDescription())
          ? "a gRPC message was over the size limit: lower sink.batch_bytes, or ask for fewer points at once"
          : "Qdrant is out of resources (rate limit)";
      case FAILED_PRECONDITION -> "Qdrant refused the operation in its current state (a locked storage is unlocked"
          + " with Qdrant's /locks API)";
      default -> "Qdrant failed";
    };
    return new StoreException(hint + " (" + what + " at " + server + ": " + detail + ")", cause);
  }

  static StoreException exhausted(String what, String server, Status status, int attempts, Throwable cause) {
    return new StoreException("Qdrant at " + server + " still failing after " + attempts + " attempts ("
        + what + ": " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription())
        + "): check that the server is up and reachable, or raise sink.max_retries / sink.timeout_s", cause);
  }

  static boolean isNotFound(Throwable t) {
    return t instanceof StoreException && t.getCause() != null
        && Status.fromThrowable(t.getCause()).getCode() == Status.Code.NOT_FOUND;
  }
}
