package io.musicrec.embed;

/**
 * A track the model cannot embed: its samples or the model's output contain NaN or infinity. The
 * pipeline records it as a reject with {@link #reason()} and goes on with the other tracks.
 */
public final class EmbedRejection extends RuntimeException {
  public enum Reason {
    NON_FINITE_INPUT("non_finite_input"),
    NON_FINITE_OUTPUT("non_finite_output");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** Stable text for reports. */
    public String code() {
      return code;
    }
  }

  private final Reason reason;

  public EmbedRejection(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
