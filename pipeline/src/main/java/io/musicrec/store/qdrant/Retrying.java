package io.musicrec.store.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.musicrec.config.Settings;
import io.musicrec.store.StoreException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Qdrant call with exponential backoff and full jitter on transient failures, as {@link
 * QdrantFailures} tells them apart; a rate limit's {@code retry-after} is waited out at least.
 * Every other status fails at once with a message that says what to fix. Only idempotent calls go
 * through here: upserts are, since point ids are derived from track ids.
 */
final class Retrying {
  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
  private final Settings.Sink sink;
  private final String server;

  Retrying(Settings.Sink sink, String server) {
    this.sink = sink;
    this.server = server;
  }

  /** Calls {@code attempt} (which must start a fresh call each time) until it succeeds or fails for good. */
  <T> T call(String what, Supplier<ListenableFuture<T>> attempt) {
    return call(what, attempt, sink.maxRetries());
  }

  /** For calls that are not idempotent: the same error messages, no retry. */
  <T> T callOnce(String what, Supplier<ListenableFuture<T>> attempt) {
    return call(what, attempt, 0);
  }

  private <T> T call(String what, Supplier<ListenableFuture<T>> attempt, int maxRetries) {
    for (int tries = 1; ; tries++) {
      try {
        return attempt.get().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for Qdrant (" + what + ")", e);
      } catch (ExecutionException | CancellationException | io.grpc.StatusRuntimeException e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        Status status = Status.fromThrowable(cause);
        QdrantFailures.Verdict verdict = QdrantFailures.classify(status, Status.trailersFromThrowable(cause));
        if (!verdict.transientFailure()) throw QdrantErrors.permanent(what, server, status, cause);
        if (tries > maxRetries) throw QdrantErrors.exhausted(what, server, status, tries, cause);
        long sleep = Math.max(backoffMs(tries), verdict.retryAfterMs());
        LOG.warn("Qdrant {} failed ({}: {}); retry {}/{} in {} ms{}", what, status.getCode(), status.getDescription(),
            tries, maxRetries, sleep, verdict.retryAfterMs() > 0 ? " (the server asked to retry after " + verdict.retryAfterMs() + " ms)" : "");
        sleep(sleep, what);
      }
    }
  }

  /** Full jitter: uniform in [0, min(max, initial * 2^(attempt-1))]. */
  long backoffMs(int attempt) {
    long ceiling = sink.initialBackoffMs() << Math.min(attempt - 1, 30);
    if (ceiling <= 0 || ceiling > sink.maxBackoffMs()) ceiling = sink.maxBackoffMs();
    return ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  private static void sleep(long ms, String what) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while backing off from Qdrant (" + what + ")", e);
    }
  }
}
