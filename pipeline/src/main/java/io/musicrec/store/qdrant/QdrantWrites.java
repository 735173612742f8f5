package io.musicrec.store.qdrant;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.qdrant.client.grpc.Points;

/**
 * A write Qdrant answered is not necessarily a write it applied: the reply's {@code
 * UpdateResult.status} says. Every write here asks {@code wait=true}, so anything but {@code
 * Completed} is a failure: {@code Acknowledged} (queued, not applied yet) and {@code WaitTimeout}
 * (applying took longer than the server waits) are retried, since the writes are idempotent;
 * {@code ClockRejected} and an unset status are not.
 */
final class QdrantWrites {
  private QdrantWrites() {}

  static ListenableFuture<Points.PointsOperationResponse> completed(ListenableFuture<Points.PointsOperationResponse> call) {
    return Futures.transform(call, QdrantWrites::requireCompleted, MoreExecutors.directExecutor());
  }

  private static Points.PointsOperationResponse requireCompleted(Points.PointsOperationResponse response) {
    Points.UpdateStatus status = response.getResult().getStatus();
    switch (status) {
      case Completed:
        return response;
      case Acknowledged:
      case WaitTimeout:
        throw Status.ABORTED.withDescription("Qdrant answered " + status + " instead of Completed: the write is"
            + " accepted but not confirmed applied").asRuntimeException();
      default:
        throw Status.UNKNOWN.withDescription("Qdrant answered " + status + " instead of Completed: the write was"
            + " not applied").asRuntimeException();
    }
  }
}
