package io.musicrec.model.weights;

/** A weight file that is missing, unreadable, corrupt or not the expected network. */
public final class WeightFileException extends RuntimeException {
  public WeightFileException(String message) {
    super(message);
  }

  public WeightFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
