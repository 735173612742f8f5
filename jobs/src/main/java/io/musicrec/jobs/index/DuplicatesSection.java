package io.musicrec.jobs.index;

import io.musicrec.discover.DuplicateGroup;
import io.musicrec.discover.Duplicates;
import io.musicrec.store.VectorStore;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index report's near-duplicates section: the groups {@code musicrec dedup} would find in the
 * collection just built, at the model's measured threshold, through the same {@link Duplicates}
 * code, and (by default) the points marked with {@value Duplicates#GROUP} as dedup marks them.
 *
 * @param threshold the cosine used ({@link Duplicates#defaultThreshold}); null if it could not be read
 * @param groups groups of two or more tracks
 * @param tracks tracks in those groups
 * @param marked whether the points were (re)marked; false for {@code --duplicates report}
 * @param pointsRewritten points whose {@value Duplicates#GROUP} was written or removed
 * @param top the strongest groups (at most {@link #TOP}), ids and weakest-link cosine
 * @param error why the section could not be computed (the index itself is complete), else null
 */
public record DuplicatesSection(
    Double threshold, int groups, int tracks, boolean marked, int pointsRewritten, List<DuplicateGroup> top, String error) {
  private static final Logger LOG = LoggerFactory.getLogger(DuplicatesSection.class);
  /** Groups listed in the report; the counts cover all of them. */
  static final int TOP = 10;

  /** What an index run does about near-duplicates once the points are written. */
  public enum Mode {
    /** Find the groups, report them and mark the points (what {@code musicrec dedup} does). */
    MARK,
    /** Find and report the groups; leave the payloads as they are ({@code dedup --dry-run}). */
    REPORT,
    /** Neither: no section in the report. */
    OFF
  }

  /**
   * Finds (and with {@link Mode#MARK} marks) the groups of {@code collection}; null for {@link
   * Mode#OFF}. A failure is reported in the section rather than thrown: the points are written and
   * {@code musicrec dedup} can be run again on its own.
   */
  static DuplicatesSection compute(VectorStore store, String collection, Mode mode) {
    if (mode == Mode.OFF) return null;
    Double threshold = null;
    try {
      threshold = Duplicates.defaultThreshold(store, collection);
      List<DuplicateGroup> found = Duplicates.find(store, collection, threshold);
      int rewritten = mode == Mode.MARK ? Duplicates.mark(store, collection, found) : 0;
      int tracks = found.stream().mapToInt(g -> g.ids().size()).sum();
      return new DuplicatesSection(threshold, found.size(), tracks, mode == Mode.MARK, rewritten,
          found.subList(0, Math.min(TOP, found.size())), null);
    } catch (RuntimeException e) {
      LOG.warn("near-duplicate detection after the index run failed; run 'musicrec dedup' to retry", e);
      return new DuplicatesSection(threshold, 0, 0, false, 0, List.of(), String.valueOf(e.getMessage()));
    }
  }

  String markdown() {
    StringBuilder md = new StringBuilder("\n## Near-duplicates\n\n");
    if (error != null) {
      return md.append("Not computed: ").append(error.replace("\n", " "))
          .append(". The index is complete; run `musicrec dedup` to find and mark the groups.\n").toString();
    }
    md.append(String.format(Locale.ROOT, "%d groups holding %d tracks at cosine >= %.3f (the model's measured threshold); %s.%n",
        groups, tracks, threshold, marked
            ? pointsRewritten + " points (re)marked with `" + Duplicates.GROUP + "`"
            : "payloads left as they were (`--duplicates report`)"));
    if (!top.isEmpty()) {
      md.append(groups > top.size() ? "\nThe " + top.size() + " strongest:\n\n" : "\n")
          .append("| weakest link | tracks |\n|---:|---|\n");
      for (DuplicateGroup g : top) {
        md.append(String.format(Locale.ROOT, "| %.4f | %s |%n", g.score(), "`" + String.join("`, `", g.ids()) + "`"));
      }
    }
    return md.toString();
  }
}
