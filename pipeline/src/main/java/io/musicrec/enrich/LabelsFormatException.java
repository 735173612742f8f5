package io.musicrec.enrich;

/**
 * A labels.json that cannot be used as it is: not valid JSON, or not shaped like Ludwig's
 * DynamoDB-typed JSON. The message names the file, the place (line and column, track id and
 * attribute) and what was expected.
 */
public final class LabelsFormatException extends RuntimeException {
  public LabelsFormatException(String message) {
    super(message);
  }

  public LabelsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
