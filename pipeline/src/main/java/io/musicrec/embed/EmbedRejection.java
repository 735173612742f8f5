package io.musicrec.embed;

import io.musicrec.reject.RejectCode;

/**
 * A track the model cannot embed: its samples or the model's output contain NaN or infinity. The
 * pipeline records it as a reject with {@link #reason()} ({@link RejectCode#NON_FINITE_INPUT} or
 * {@link RejectCode#NON_FINITE_OUTPUT}) and goes on with the other tracks.
 */
public final class EmbedRejection extends RuntimeException {
  private final RejectCode reason;

  public EmbedRejection(RejectCode reason, String message) {
    super(message);
    if (!reason.afterDecoding()) throw new IllegalArgumentException(reason + " is not a model reject");
    this.reason = reason;
  }

  public RejectCode reason() {
    return reason;
  }
}
