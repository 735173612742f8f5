package io.musicrec.jobs.index;

import io.musicrec.config.ConfigException;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every decision an incremental run makes, in one pure place: what to do with each listed track
 * (decode it, skip it, or give its stored vector new labels), whether the listing is plausible
 * enough to delete by, and which stored points are stale afterwards. Full and rebuild runs use
 * {@link #fullRun()}, which decodes everything and deletes nothing.
 *
 * <p>Built on the driver from the store's payloads, broadcast to the tasks (it is the only part of
 * the store's state they see), and asked again on the driver with the tasks' outcomes.
 */
final class IncrementalPlan implements Serializable {
  /** Share of a collection an incremental run may delete before it asks for a rebuild instead. */
  static final double MAX_DELETE_SHARE = 0.5;

  /** What a task does with one readable listed track. */
  enum Action {
    /** New, changed audio, or another model: decode and embed it. */
    DECODE,
    /** Same audio, model and labels: nothing to do. */
    UNCHANGED,
    /** Same audio and model, other labels (or a moved file): rewrite the stored vector's payload. */
    RELABEL
  }

  /** Reads a track's content hash; may fail (a file gone or unreadable since the listing). */
  @FunctionalInterface
  interface ContentHash {
    String read() throws IOException;
  }

  private final SortedMap<String, StoredTrack> stored;
  private final String model;

  private IncrementalPlan(SortedMap<String, StoredTrack> stored, String model) {
    this.stored = stored;
    this.model = model;
  }

  /** A full or rebuild run: every track is decoded, nothing is deleted. */
  static IncrementalPlan fullRun() {
    return new IncrementalPlan(new TreeMap<>(), null);
  }

  /**
   * An incremental run against what the collection holds.
   *
   * @param stored the collection's tracks by id; the plan keeps this map rather than a copy (at 1M
   *     tracks a copy would double the driver's largest structure), so the caller hands it over
   * @param model the fingerprint of the model this run embeds with
   */
  static IncrementalPlan incremental(SortedMap<String, StoredTrack> stored, String model) {
    return new IncrementalPlan(Collections.unmodifiableSortedMap(stored), model);
  }

  int storedTracks() {
    return stored.size();
  }

  /**
   * The tracks the collection holds with this run's model: the plan never decodes them unless their
   * file changed, so they need no vector from the embeddings table.
   */
  List<String> storedWithThisModel() {
    return stored.entrySet().stream().filter(e -> model.equals(e.getValue().model())).map(Map.Entry::getKey).toList();
  }

  /**
   * What to do with a listed, readable track. The content hash is read only for tracks the store
   * holds (reading it costs a pass over the file); a read that fails means decode, so the decoder
   * meets the same error and records it as a reject.
   */
  Action actionFor(String trackId, ContentHash content, String labelsHash) {
    StoredTrack known = stored.get(trackId);
    if (known == null || !model.equals(known.model()) || !sameContent(known, content)) return Action.DECODE;
    return known.labelsHash().equals(labelsHash) ? Action.UNCHANGED : Action.RELABEL;
  }

  private static boolean sameContent(StoredTrack known, ContentHash content) {
    try {
      return content.read().equals(known.contentHash());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * An incremental run deletes what the listing no longer holds, so a listing that lost more than
   * {@link #MAX_DELETE_SHARE} of the collection (a mistyped input, an unmounted volume) stops the
   * run instead of emptying it.
   *
   * @throws ConfigException naming the input, the counts and the fix
   */
  void requirePlausibleListing(Collection<String> listedIds, String input, String collection) {
    if (stored.isEmpty()) return;
    Set<String> listed = listedIds instanceof Set<String> set ? set : new HashSet<>(listedIds);
    long vanished = stored.keySet().stream().filter(id -> !listed.contains(id)).count();
    if (vanished > stored.size() * MAX_DELETE_SHARE) {
      throw new ConfigException("input: " + input + " lacks " + vanished + " of the " + stored.size()
          + " tracks in collection " + collection + "; an incremental run would delete them. Check"
          + " 'input'; if the catalogue really shrank that much, run with --mode rebuild");
    }
  }

  /**
   * The stored points to delete after the tasks ran, in id order: those whose file is gone or no
   * longer decodes. A transient reject (a read that failed or timed out) says nothing about the
   * file, so its point stays until a run can read it.
   */
  List<String> staleIds(Collection<TrackOutcome> outcomes) {
    Set<String> current = outcomes.stream()
        .filter(o -> o.status() != TrackOutcome.Status.REJECTED || o.reason().isTransient())
        .map(TrackOutcome::trackId).collect(Collectors.toCollection(HashSet::new));
    return stored.keySet().stream().filter(id -> !current.contains(id)).toList();
  }
}
