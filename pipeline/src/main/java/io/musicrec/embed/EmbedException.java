package io.musicrec.embed;

/** Inference itself failed (a session that cannot be opened or run), not one bad track. */
public final class EmbedException extends RuntimeException {
  public EmbedException(String message) {
    super(message);
  }

  public EmbedException(String message, Throwable cause) {
    super(message, cause);
  }
}
