package io.musicrec.store.qdrant;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Qdrant server version as its HealthCheck reply states it ({@code 1.18.3}, {@code 1.19.0-dev}).
 * Features the store uses that older servers lack are checked against it, because an older
 * server does not always refuse what it does not know: before 1.14 it reads the unknown recommend
 * strategy {@code sum_scores} as {@code average_vector} and answers with other results.
 */
record QdrantVersion(int major, int minor, int patch, String text) implements Comparable<QdrantVersion> {
  private static final Pattern NUMBERS = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** The {@code sum_scores} recommend strategy. */
  static final QdrantVersion SUM_SCORES = new QdrantVersion(1, 14, 0, "1.14.0");
  /** The Query API ({@code Points/Query}), which every search and recommendation here goes through. */
  static final QdrantVersion QUERY_API = new QdrantVersion(1, 10, 0, "1.10.0");

  /** The version, or empty when the text is not of the form {@code MAJOR.MINOR[.PATCH]...}. */
  static java.util.Optional<QdrantVersion> parse(String text) {
    Matcher m = NUMBERS.matcher(text == null ? "" : text.trim());
    if (!m.find()) return java.util.Optional.empty();
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return java.util.Optional.of(new QdrantVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text.trim()));
  }

  boolean atLeast(QdrantVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(QdrantVersion o) {
    if (major != o.major) return Integer.compare(major, o.major);
    if (minor != o.minor) return Integer.compare(minor, o.minor);
    return Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return text;
  }
}
