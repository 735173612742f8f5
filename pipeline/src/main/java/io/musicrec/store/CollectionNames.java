package io.musicrec.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of collections and of the versions behind an alias: {@code <alias>_<yyyyMMddHHmmssSSS>} in
 * UTC, so that lexical order is creation order. The one rule for valid names, used by the config
 * (its {@code collection} is an alias) and by both stores.
 */
public final class CollectionNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,200}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
  private static final Pattern VERSION_SUFFIX = Pattern.compile("_(\\d{17})$");
  /** What a version adds to its alias's name: '_' and 17 digits. */
  private static final int VERSION_SUFFIX_LENGTH = 18;
  private static final int MAX_LENGTH = 201;

  private CollectionNames() {}

  /**
   * Names become folder names in the embedded store and URL path parts in Qdrant: letters,
   * digits, '_', '.', '-' only.
   */
  public static String requireValid(String name) {
    if (name == null || !VALID.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("invalid collection name '" + name + "': use letters, digits, '_', '.', '-',"
          + " starting with a letter or digit (max " + MAX_LENGTH + " chars)");
    }
    return name;
  }

  /**
   * An alias users name (the config's {@code collection}): a valid collection name without '.',
   * which the stores use for the names they derive ({@code <version>.complete} marks, {@code
   * <alias>.alias} files), and short enough that its versions are valid names too.
   */
  public static String requireValidAlias(String alias) {
    int max = MAX_LENGTH - VERSION_SUFFIX_LENGTH;
    if (alias == null || !VALID.matcher(alias).matches() || alias.contains(".") || alias.length() > max) {
      throw new IllegalArgumentException("invalid collection name '" + alias + "': use letters, digits, '_', '-',"
          + " starting with a letter or digit (max " + max + " chars; versions add _<timestamp>)");
    }
    return alias;
  }

  /** The version name for {@code alias} created at {@code when}. */
  public static String version(String alias, Instant when) {
    return requireValid(alias) + "_" + STAMP.format(when);
  }

  /** Whether {@code collection} is a version of {@code alias}. */
  public static boolean isVersionOf(String collection, String alias) {
    return collection.startsWith(alias + "_")
        && VERSION_SUFFIX.matcher(collection).find()
        && collection.length() == alias.length() + 18;
  }

  /** The alias a version belongs to, if the name has the version form. */
  public static Optional<String> aliasOf(String collection) {
    var m = VERSION_SUFFIX.matcher(collection);
    return m.find() ? Optional.of(collection.substring(0, m.start())) : Optional.empty();
  }

  /**
   * A new version name for {@code alias} that is not in {@code existing}: the current millisecond,
   * or the next free one when two versions are created within the same millisecond.
   */
  public static String nextVersion(String alias, Collection<String> existing, Clock clock) {
    Instant when = clock.instant();
    String name = version(alias, when);
    while (existing.contains(name)) {
      when = when.plusMillis(1);
      name = version(alias, when);
    }
    return name;
  }

  /** Versions of {@code alias} among {@code collections}, oldest first. */
  public static List<String> versionsOf(String alias, Collection<String> collections) {
    return collections.stream().filter(c -> isVersionOf(c, alias)).sorted().toList();
  }

  /**
   * What a cleanup after a switch drops: complete versions beyond the {@code keep} newest, and
   * incomplete ones older than {@code live} (leftovers of failed runs; a newer one may be a run
   * still loading). Never {@code live} itself. Sorted, oldest first.
   */
  public static List<String> versionsToDrop(List<String> completeOldestFirst, List<String> incomplete, int keep, String live) {
    List<String> drop = new ArrayList<>(beyondKept(completeOldestFirst, keep, live));
    if (live != null) incomplete.stream().filter(v -> v.compareTo(live) < 0).forEach(drop::add);
    drop.sort(null);
    return drop;
  }

  /** The versions to drop: all but the {@code keep} newest, never {@code current}. */
  public static List<String> beyondKept(List<String> versionsOldestFirst, int keep, String current) {
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    List<String> drop = new ArrayList<>();
    int cut = versionsOldestFirst.size() - keep;
    for (int i = 0; i < cut; i++) {
      String v = versionsOldestFirst.get(i);
      if (!v.equals(current)) drop.add(v);
    }
    return drop;
  }
}
