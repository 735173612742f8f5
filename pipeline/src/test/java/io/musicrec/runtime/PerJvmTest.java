package io.musicrec.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.embed.EmbedStats;
import io.musicrec.embed.Embedder;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JVM-wide stores and embedders: real embedded stores on disk and the real built-in model. */
class PerJvmTest {
  private static final ModelSpec LOGMEL = ModelSpecs.resolve("builtin:logmel");
  private static final Settings.Sink SINK = ConfigLoader.load(null, Map.of(), Map.of()).sink();
  private static final Settings.Qdrant NO_KEY = new Settings.Qdrant(null);
  private static final Settings.Search SEARCH = new Settings.Search(0);

  @TempDir Path dir;

  @AfterEach
  void closeShared() {
    PerJvm.closeStore(uri(), SINK, NO_KEY, SEARCH);
    PerJvm.closeStore(uri(), otherSink(), NO_KEY, SEARCH);
    PerJvm.closeStore(uri(), SINK, NO_KEY, new Settings.Search(400));
    PerJvm.closeEmbedders();
  }

  private String uri() {
    return "embedded:" + dir.resolve("index");
  }

  private static Settings.Sink otherSink() {
    return new Settings.Sink(SINK.batchPoints() * 2, SINK.batchBytes(), SINK.maxInFlight(), SINK.maxRetries(),
        SINK.initialBackoffMs(), SINK.maxBackoffMs(), SINK.timeoutS());
  }

  @Test
  void callersWithTheSameStoreSettingsShareOneStoreAndOthersGetTheirOwnOnTheSameData() {
    VectorStore first = PerJvm.store(uri(), SINK, NO_KEY, SEARCH);
    assertSame(first, PerJvm.store(uri(), SINK, NO_KEY, SEARCH));
    VectorStore other = PerJvm.store(uri(), otherSink(), NO_KEY, SEARCH);
    assertNotSame(first, other, "other sink settings: a store of their own, not the first caller's");
    VectorStore wider = PerJvm.store(uri(), SINK, NO_KEY, new Settings.Search(400));
    assertNotSame(first, wider, "another search effort: a store of its own, which searches with it");
    first.ensureCollection(CollectionSpec.of("music", 3));
    first.upsert("music", List.of(new Point("a", new float[] {1, 0, 0}, Map.of("track_id", "a"))));
    assertEquals(1, other.count("music"), "both see the same folder through the shared Lucene collection");
  }

  @Test
  void theDriverClosingItsStoreClosesItAndTheNextCallerOpensANewOne() {
    VectorStore first = PerJvm.store(uri(), SINK, NO_KEY, SEARCH);
    first.ensureCollection(CollectionSpec.of("music", 3));
    first.upsert("music", List.of(new Point("a", new float[] {1, 0, 0}, Map.of("track_id", "a"))));
    PerJvm.closeStore(uri(), SINK, NO_KEY, SEARCH);
    assertThrows(IllegalStateException.class, () -> first.count("music"));
    VectorStore second = PerJvm.store(uri(), SINK, NO_KEY, SEARCH);
    assertNotSame(first, second);
    assertEquals(1, second.count("music"), "what the first wrote is committed and read back");
  }

  @Test
  void embeddersAreSharedPerModelDeviceAndSettingsAndUseTheSettingsAskedFor() {
    int sessions = BatchingEmbedder.sessionsOpened();
    // A long max wait: batches leave full, so the batch size alone decides how many there are.
    Settings.Embed small = new Settings.Embed(2, 10_000, false, 1);
    Settings.Embed large = new Settings.Embed(4, 10_000, false, 1);
    Embedder a = PerJvm.embedder(LOGMEL, small, OptionalInt.empty());
    assertSame(a, PerJvm.embedder(LOGMEL, small, OptionalInt.empty()));
    assertEquals(sessions + 1, BatchingEmbedder.sessionsOpened(), "one model session for both callers");
    Embedder b = PerJvm.embedder(LOGMEL, large, OptionalInt.empty());
    assertNotSame(a, b);
    assertEquals(sessions + 2, BatchingEmbedder.sessionsOpened());

    // A track of 8 clips: the batch size each embedder was asked for decides how they are batched.
    float[][] clips = new float[8][];
    for (int i = 0; i < clips.length; i++) clips[i] = tone(220 + 55 * i, LOGMEL.sampleRate());
    a.embed(clips);
    b.embed(clips);
    EmbedStats smallStats = a.stats();
    EmbedStats largeStats = b.stats();
    assertEquals(4, smallStats.batches(), "8 clips in batches of 2");
    assertEquals(2, largeStats.batches(), "8 clips in batches of 4");

    PerJvm.closeEmbedders();
    assertThrows(IllegalStateException.class, () -> a.embed(clips));
    assertNotSame(a, PerJvm.embedder(LOGMEL, small, OptionalInt.empty()), "closed ones are replaced on next use");
  }

  private static float[] tone(double hz, int sampleRate) {
    float[] out = new float[sampleRate * 2];
    for (int i = 0; i < out.length; i++) out[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / sampleRate));
    return out;
  }
}
