package io.musicrec.store;

/** A store operation failed; the message says what happened and, where it can, what to fix. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
