package io.musicrec.store;

/**
 * The store refused the run's credentials: a setting to fix (the message names it), not a failure
 * to retry or report, so the command line ends it as a config error. It carries no client library
 * cause (the message holds the server's code and words): Spark ships a task's exception to the
 * driver only if it serializes, and gRPC's StatusRuntimeException does not, which would leave the
 * driver with nothing but text.
 */
public class StoreCredentialsException extends StoreException {
  public StoreCredentialsException(String message) {
    super(message);
  }

  /** The same refusal rethrown with another caller's stack. */
  public StoreCredentialsException(StoreCredentialsException refused) {
    super(refused.getMessage(), refused);
  }
}
