package io.musicrec.enrich;

import io.musicrec.config.ConfigException;

/**
 * A labels.json that cannot be used at all: not valid JSON (anywhere, trailing content
 * included), or not shaped like Ludwig's DynamoDB-typed JSON (no top-level {@code "tracks"}
 * object). The message names the file, the place (line and column, track id and attribute) and
 * what was expected. It is a configuration error (exit 2): the labels file given is the wrong one
 * or damaged. A single bad track entry is not this, but a {@link LabelsReject}.
 */
public final class LabelsFormatException extends ConfigException {
  public LabelsFormatException(String message) {
    super(message);
  }

  public LabelsFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
