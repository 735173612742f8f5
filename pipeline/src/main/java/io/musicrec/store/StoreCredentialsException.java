package io.musicrec.store;

/**
 * The store refused the run's credentials: a setting to fix (the message names it), not a failure
 * to retry or report, so the command line ends it as a config error.
 */
public class StoreCredentialsException extends StoreException {
  public StoreCredentialsException(String message, Throwable cause) {
    super(message, cause);
  }
}
