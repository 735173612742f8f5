package io.musicrec.jobs.index;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.jobs.index.IncrementalPlan.Action;
import io.musicrec.model.ModelSpec;
import io.musicrec.reject.RejectCode;
import io.musicrec.store.Payloads;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The incremental run's decisions, without Spark, a store or files. */
class IncrementalPlanTest {
  private static final String MODEL = ModelSpec.fingerprint("logmel", "1");
  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "b".repeat(64);

  /** A store holding tracks t1..t5, each made from HASH_A by MODEL, with labels "labels-tN". */
  private static IncrementalPlan planOverFiveTracks() {
    SortedMap<String, StoredTrack> stored = new TreeMap<>();
    for (int i = 1; i <= 5; i++) stored.put("t" + i, new StoredTrack(HASH_A, MODEL, "labels-t" + i));
    return IncrementalPlan.incremental(stored, MODEL);
  }

  @Test
  void aStoredTrackWithTheSameAudioModelAndLabelsIsUnchangedAndOtherLabelsMeanRelabel() {
    IncrementalPlan plan = planOverFiveTracks();
    assertEquals(Action.UNCHANGED, plan.actionFor("t1", () -> HASH_A, "labels-t1"));
    assertEquals(Action.RELABEL, plan.actionFor("t1", () -> HASH_A, "labels-after-an-edit"));
  }

  @Test
  void newTracksChangedAudioAndUnreadableFilesAreDecoded() {
    IncrementalPlan plan = planOverFiveTracks();
    AtomicInteger reads = new AtomicInteger();
    assertEquals(Action.DECODE, plan.actionFor("new", () -> {
      reads.incrementAndGet();
      return HASH_A;
    }, "labels-new"));
    assertEquals(0, reads.get(), "a track the store lacks is decoded without hashing its file first");
    assertEquals(Action.DECODE, plan.actionFor("t2", () -> HASH_B, "labels-t2"), "other bytes: embed again");
    assertEquals(Action.DECODE, plan.actionFor("t3", () -> {
      throw new FileNotFoundException("gone since the listing");
    }, "labels-t3"), "the decoder meets the error and records the reject");
    assertEquals(Action.DECODE, plan.actionFor("t4", () -> {
      throw new IllegalStateException("S3 connection reset");
    }, "labels-t4"));
  }

  @Test
  void anotherModelReembedsEveryTrackWithoutReadingTheirFiles() {
    SortedMap<String, StoredTrack> stored = new TreeMap<>(Map.of("t1", new StoredTrack(HASH_A, MODEL, "labels-t1")));
    IncrementalPlan plan = IncrementalPlan.incremental(stored, ModelSpec.fingerprint("logmel", "2"));
    AtomicInteger reads = new AtomicInteger();
    assertEquals(Action.DECODE, plan.actionFor("t1", () -> {
      reads.incrementAndGet();
      return HASH_A;
    }, "labels-t1"));
    assertEquals(0, reads.get());
  }

  @Test
  void aPayloadWrittenByTheIndexJobIsRecognisedAsUnchanged() {
    Map<String, Object> payload = Map.of(Payloads.CONTENT_HASH, HASH_A, Payloads.MODEL, "logmel",
        Payloads.MODEL_VERSION, "1", TrackPayload.LABELS_HASH, "0123abcd", Payloads.ARTIST, "Someone");
    IncrementalPlan plan = IncrementalPlan.incremental(new TreeMap<>(Map.of("t1", TrackPayload.stored(payload))), MODEL);
    assertEquals(Action.UNCHANGED, plan.actionFor("t1", () -> HASH_A, "0123abcd"));

    Map<String, Object> noHash = Map.of(Payloads.MODEL, "logmel", Payloads.MODEL_VERSION, "1", TrackPayload.LABELS_HASH, "0123abcd");
    IncrementalPlan old = IncrementalPlan.incremental(new TreeMap<>(Map.of("t1", TrackPayload.stored(noHash))), MODEL);
    assertEquals(Action.DECODE, old.actionFor("t1", () -> HASH_A, "0123abcd"), "a point without a content hash is redone");
  }

  @Test
  void aFullRunDecodesEverythingAndDeletesNothing() {
    IncrementalPlan plan = IncrementalPlan.fullRun();
    assertEquals(Action.DECODE, plan.actionFor("t1", () -> HASH_A, "labels-t1"));
    assertEquals(0, plan.storedTracks());
    assertDoesNotThrow(() -> plan.requirePlausibleListing(List.of(), "data/empty", "musicrec"));
    assertEquals(List.of(), plan.staleIds(List.of(TrackOutcome.rejected("t1", "p1", RejectCode.CORRUPT, "bad", true))));
  }

  @Test
  void aListingThatLostMoreThanHalfTheCollectionStopsTheRunNamingTheFix() {
    IncrementalPlan plan = planOverFiveTracks();
    assertDoesNotThrow(() -> plan.requirePlausibleListing(List.of("t1", "t2", "t3", "new"), "in", "musicrec"),
        "two of five gone is a plausible catalogue change");
    ConfigException e = assertThrows(ConfigException.class,
        () -> plan.requirePlausibleListing(List.of("t1", "t2", "other"), "s3a://bucket/ludwig", "musicrec"));
    assertTrue(e.getMessage().startsWith("input: s3a://bucket/ludwig lacks 3 of the 5 tracks in collection musicrec"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--mode rebuild"), e.getMessage());
  }

  @Test
  void stalePointsAreThoseWhoseFileIsGoneOrNoLongerDecodesButATransientFailureKeepsThem() {
    IncrementalPlan plan = planOverFiveTracks();
    List<TrackOutcome> outcomes = new ArrayList<>(List.of(
        TrackOutcome.unchanged("t1", "p1", true),
        TrackOutcome.rejected("t2", "p2", RejectCode.TRUNCATED, "cut at 37 %", true),
        TrackOutcome.rejected("t3", "p3", RejectCode.IO_ERROR, "connection reset", true),
        TrackOutcome.rejected("t4", "p4", RejectCode.TIMEOUT, "no result within 60 s", false),
        TrackOutcome.upserted("new", "p6", true, 30, false)));
    assertEquals(List.of("t2", "t5"), plan.staleIds(outcomes), "t5's file is gone; t2 no longer decodes");
    outcomes.add(TrackOutcome.relabelled("t5", "moved/p5", true));
    assertEquals(List.of("t2"), plan.staleIds(outcomes));
  }

  @Test
  void thePlanSurvivesSerializationAsSparkBroadcastsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(planOverFiveTracks());
    }
    IncrementalPlan copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (IncrementalPlan) in.readObject();
    }
    assertEquals(5, copy.storedTracks());
    assertEquals(Action.UNCHANGED, copy.actionFor("t5", () -> HASH_A, "labels-t5"));
    assertEquals(Action.RELABEL, copy.actionFor("t5", () -> HASH_A, "labels-t1"));
  }
}
