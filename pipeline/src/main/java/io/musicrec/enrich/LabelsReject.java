package io.musicrec.enrich;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.util.Locale;

/**
 * A labels.json entry that was not used. The track itself is still indexed, without labels (its
 * genre then comes from its folder), and the run report lists the entry.
 *
 * @param trackId the entry's key (may be empty when the key itself was the problem)
 * @param reason why
 * @param detail the place in the file and what was wrong
 */
public record LabelsReject(String trackId, Reason reason, String detail) implements Serializable {
  public enum Reason {
    /** The entry is not a well-formed track: an attribute of the wrong type, say a genre given as a number. */
    BAD_ENTRY,
    /** A second entry for a track id already seen; the first one is used. */
    DUPLICATE_ENTRY;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return label();
    }
  }
}
