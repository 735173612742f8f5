package io.musicrec.jobs.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.config.ConfigException;
import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.store.CollectionLayout;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.testing.audio.TestAudio;
import io.musicrec.testing.corpus.TestCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index job end to end on local[2] with the generated corpus and its defects, into the
 * embedded store: counts, payloads, rejects, incremental runs, rebuilds, retried tasks and bad
 * configs.
 */
class IndexJobTest {
  @TempDir static Path work;
  static TestCorpus corpus;

  @BeforeAll
  static void corpus() {
    corpus = TestCorpus.standard();
  }

  static MusicrecConfig config(Path input, Path index, Map<String, String> extra) {
    Map<String, String> o = new HashMap<>(Map.of(
        "input", input.toString(),
        "store", "embedded:" + index,
        "report", work.resolve("reports").resolve(index.getFileName()).toString(),
        // each index its own embeddings table, so no test reuses another's vectors
        "embeddings.table", work.resolve("tables").resolve(index.getFileName()).toString(),
        "spark.master", "local[2]"));
    o.putAll(extra);
    return ConfigLoader.load(null, Map.of(), o);
  }

  static VectorStore open(MusicrecConfig config) {
    return VectorStores.open(config);
  }

  @Test
  void everyDecodableTrackLandsOnceWithItsLabelsAndEveryDefectIsRejectedWithItsReason() throws Exception {
    MusicrecConfig config = config(corpus.root(), work.resolve("full"), Map.of());
    IndexReport report = new IndexJob(config).run();
    CorpusManifest m = corpus.manifest();

    int files = m.decodable().size() + 5; // truncated, empty, not_audio, silent, too_short
    assertEquals(files, report.counts().listed());
    assertEquals(m.decodable().size(), report.counts().upserted());
    assertEquals(m.decodable().size(), report.counts().storeCount());
    assertEquals(1, report.counts().missingLabels(), "the track without a labels entry is kept and counted");
    assertEquals(1, report.counts().labelsWithoutAudio());
    Map<String, String> reasonByPath = report.rejects().stream()
        .collect(Collectors.toMap(r -> Path.of(java.net.URI.create(r.path().replace(" ", "%20"))).toString(), IndexReport.Reject::reason));
    for (String defect : List.of("truncated", "empty", "not_audio", "silent", "too_short")) {
      String path = corpus.file(m.defects().byName().get(defect).path()).toString();
      assertEquals(defect, reasonByPath.get(path), defect + " file: " + reasonByPath);
    }
    assertEquals(5, report.counts().rejected());

    try (VectorStore store = open(config)) {
      assertEquals(m.decodable().size(), store.count(config.collection()));
      List<String> ids = m.catalog().stream().map(CorpusManifest.Track::id).toList();
      Map<String, Point> points = store.retrieve(config.collection(), ids).stream()
          .collect(Collectors.toMap(Point::trackId, p -> p));
      for (CorpusManifest.Track t : m.catalog()) {
        Map<String, Object> payload = points.get(t.id()).payload();
        assertEquals(t.artist(), payload.get("artist"), t.id());
        assertEquals(t.name(), payload.get("name"));
        assertEquals(t.genre(), payload.get("genre"));
        assertEquals(t.album(), payload.get("album"));
        assertEquals(t.subgenres(), payload.get("subgenres"));
        assertEquals("logmel", payload.get("model"));
        assertTrue(((String) payload.get("url")).endsWith(t.path()), payload.get("url") + " vs " + t.path());
        assertEquals(64, ((String) payload.get("content_hash")).length());
      }
      Point unlabelled = store.retrieve(config.collection(), List.of(m.defects().missingLabels().id())).get(0);
      assertEquals(m.defects().missingLabels().genre(), unlabelled.payload().get("genre"), "genre from the folder");
    }
    Path reportDir = Path.of(config.report());
    assertTrue(Files.size(reportDir.resolve("report.json")) > 0);
    assertTrue(Files.readString(reportDir.resolve("report.md")).contains("rejects_by_reason.png"));
    assertTrue(Files.size(reportDir.resolve("time_by_stage.png")) > 1000);
  }

  @Test
  void incrementalRunsRedoOnlyChangedTracksAndRemoveVanishedOnes() throws Exception {
    Path input = copyOf(corpus.root(), work.resolve("incremental-input"));
    Path index = work.resolve("incremental");
    new IndexJob(config(input, index, Map.of())).run();

    IndexReport unchanged = new IndexJob(config(input, index, Map.of("mode", "incremental"))).run();
    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, unchanged.counts().unchanged());
    assertEquals(0, unchanged.counts().upserted());
    assertEquals(0, unchanged.counts().deleted());
    assertEquals(decodable, unchanged.counts().storeCount());

    List<CorpusManifest.Track> catalog = corpus.manifest().catalog();
    Path changed = input.resolve(catalog.get(0).path());
    Files.copy(input.resolve(catalog.get(1).path()), changed, StandardCopyOption.REPLACE_EXISTING);
    Files.delete(input.resolve(catalog.get(2).path()));
    IndexReport after = new IndexJob(config(input, index, Map.of("mode", "incremental"))).run();
    assertEquals(1, after.counts().upserted(), "only the rewritten file is embedded again");
    assertEquals(1, after.counts().deleted(), "the deleted file's point is removed");
    assertEquals(decodable - 2, after.counts().unchanged());
    assertEquals(decodable - 1, after.counts().storeCount());

    // A label edit and a moved file: same audio, so the stored vector is kept and relabelled.
    CorpusManifest.Track edited = catalog.get(3);
    CorpusManifest.Track moved = catalog.get(4);
    renameArtist(input.resolve("labels.json"), edited.id(), "Renamed Artist");
    Path movedTo = input.resolve("mp3/moved-folder").resolve(Path.of(moved.path()).getFileName().toString());
    Files.createDirectories(movedTo.getParent());
    Files.move(input.resolve(moved.path()), movedTo);
    MusicrecConfig incremental = config(input, index, Map.of("mode", "incremental"));
    Map<String, Point> before = retrieve(incremental, edited.id(), moved.id());
    IndexReport relabelled = new IndexJob(incremental).run();
    assertEquals(2, relabelled.counts().relabelled());
    assertEquals(0, relabelled.counts().upserted(), "nothing is decoded or embedded again");
    assertEquals(0, relabelled.counts().deleted());
    assertEquals(decodable - 3, relabelled.counts().unchanged());
    assertEquals(decodable - 1, relabelled.counts().storeCount());
    Map<String, Point> now = retrieve(incremental, edited.id(), moved.id());
    assertEquals("Renamed Artist", now.get(edited.id()).payload().get("artist"));
    assertTrue(((String) now.get(moved.id()).payload().get("url")).contains("/mp3/moved-folder/"), now.get(moved.id()).payload().toString());
    for (String id : List.of(edited.id(), moved.id())) {
      assertArrayEquals(before.get(id).vector(), now.get(id).vector(), "the stored vector is kept");
      assertEquals(before.get(id).payload().get("content_hash"), now.get(id).payload().get("content_hash"));
      assertEquals(before.get(id).payload().get("duration"), now.get(id).payload().get("duration"));
    }
    assertEquals(moved.genre(), now.get(moved.id()).payload().get("genre"), "the genre comes from the labels, not the folder");

    IndexReport settled = new IndexJob(incremental).run();
    assertEquals(decodable - 1, settled.counts().unchanged(), "a relabelled track is unchanged on the next run");
  }

  private static Map<String, Point> retrieve(MusicrecConfig config, String... ids) {
    try (VectorStore store = open(config)) {
      return store.retrieve(config.collection(), List.of(ids)).stream().collect(Collectors.toMap(Point::trackId, p -> p));
    }
  }

  private static void renameArtist(Path labelsJson, String trackId, String artist) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode labels = (ObjectNode) json.readTree(labelsJson.toFile());
    ObjectNode track = (ObjectNode) labels.get("tracks").get(trackId);
    track.putObject("artist").put("S", artist);
    json.writeValue(labelsJson.toFile(), labels);
  }

  /**
   * One catalogue of hostile inputs, indexed in full and then incrementally: a FIFO, a colon in a
   * name, one track id in two folders, a directory symlink cycle and a second link to a folder,
   * broken and looping file links, a link to /dev/zero, an MP3 cut to 37 %, a track longer than
   * decode.max_seconds, and labels.json with a bad entry and a repeated id.
   */
  @Test
  void hostileInputsAreEachIndexedOrRejectedWithTheirReasonAndRunsSettle() throws Exception {
    Path input = work.resolve("hostile");
    Path rock = Files.createDirectories(input.resolve("mp3/rock"));
    Path jazz = Files.createDirectories(input.resolve("mp3/jazz"));
    List<CorpusManifest.Track> good = corpus.manifest().catalog();
    Files.copy(corpus.file(good.get(0).path()), jazz.resolve("dup.mp3"));
    Files.copy(corpus.file(good.get(1).path()), rock.resolve("dup.mp3"));
    Files.copy(corpus.file(good.get(2).path()), rock.resolve("colon:name.mp3"));
    Files.copy(corpus.file(good.get(3).path()), rock.resolve("plain.mp3"));
    assertEquals(0, new ProcessBuilder("mkfifo", rock.resolve("fifo.mp3").toString()).inheritIO().start().waitFor());
    Files.createSymbolicLink(rock.resolve("zero.mp3"), Path.of("/dev/zero"));
    Files.createSymbolicLink(rock.resolve("broken.mp3"), rock.resolve("gone.mp3"));
    Files.createSymbolicLink(rock.resolve("loop.mp3"), rock.resolve("loop.mp3"));
    Files.createSymbolicLink(rock.resolve("again"), input.resolve("mp3")); // a cycle
    Files.createSymbolicLink(jazz.resolve("linked"), rock); // a second way to rock/
    Path tenSeconds = TestAudio.mp3Cbr(TestAudio.Tone.of(440, 10), work.resolve("ten-seconds.mp3"), 128);
    Files.copy(tenSeconds, rock.resolve("long.mp3"));
    TestAudio.truncated(tenSeconds, rock.resolve("cut.mp3"), (int) (Files.size(tenSeconds) * 37 / 100));
    Files.writeString(input.resolve("labels.json"), """
        {"tracks": {
          "dup": {"artist": {"S": "Dup"}, "genre": {"S": "jazz"}},
          "colon:name": {"artist": {"S": "Colon"}, "genre": {"S": "rock"}},
          "plain": {"artist": {"S": "Plain"}, "genre": {"N": "7"}},
          "long": {"artist": {"S": "Long"}, "genre": {"S": "rock"}},
          "long": {"artist": {"S": "Long again"}, "genre": {"S": "pop"}}
        }}
        """);
    Path index = work.resolve("hostile-index");
    MusicrecConfig full = config(input, index, Map.of("decode.max_seconds", "6"));

    IndexReport report = new IndexJob(full).run();

    Map<String, String> reasonByName = report.rejects().stream().collect(Collectors.toMap(
        r -> r.path().substring(r.path().indexOf("/mp3/") + 5), IndexReport.Reject::reason));
    assertEquals(Map.of("rock/dup.mp3", "duplicate_id", "rock/fifo.mp3", "not_a_file", "rock/zero.mp3", "not_a_file",
        "rock/broken.mp3", "broken_link", "rock/loop.mp3", "broken_link", "rock/cut.mp3", "truncated"), reasonByName);
    IndexReport.Counts counts = report.counts();
    assertEquals(10, counts.listed(), "every entry that looks like audio, each once (no file through the links)");
    assertEquals(4, counts.upserted());
    assertEquals(6, counts.rejected());
    assertEquals(counts.listed(), counts.upserted() + counts.rejected(), "the counts add up");
    assertEquals(4, counts.storeCount());
    assertEquals(1, counts.durationCapped());
    assertEquals(2, counts.labelsRejected());
    assertEquals(List.of("plain:bad_entry", "long:duplicate_entry"),
        report.labelRejects().stream().map(r -> r.trackId() + ":" + r.reason()).toList());
    String detail = report.rejects().stream().filter(r -> r.reason().equals("duplicate_id")).findFirst().orElseThrow().detail();
    assertTrue(detail.contains("/mp3/jazz/dup.mp3"), "names the kept file: " + detail);
    Map<String, Point> points = retrieve(full, "dup", "colon:name", "plain", "long");
    assertTrue(((String) points.get("dup").payload().get("url")).endsWith("/mp3/jazz/dup.mp3"), "the first path is kept");
    assertTrue(((String) points.get("colon:name").payload().get("url")).endsWith("/mp3/rock/colon:name.mp3"));
    assertEquals("rock", points.get("plain").payload().get("genre"), "a rejected labels entry: genre from the folder");
    assertEquals(null, points.get("plain").payload().get("artist"));
    assertEquals("Long", points.get("long").payload().get("artist"), "the first entry of a repeated id");
    assertEquals(6.0, ((Number) points.get("long").payload().get("duration")).doubleValue(), 1e-6);
    assertEquals(true, points.get("long").payload().get("duration_capped"));
    assertEquals(false, points.get("dup").payload().get("duration_capped"));

    IndexReport again = new IndexJob(config(input, index, Map.of("decode.max_seconds", "6", "mode", "incremental"))).run();

    assertEquals(4, again.counts().unchanged(), "an incremental run settles: nothing flips or is embedded again");
    assertEquals(0, again.counts().upserted());
    assertEquals(0, again.counts().relabelled());
    assertEquals(0, again.counts().deleted());
    assertEquals(6, again.counts().rejected());
    assertEquals(4, again.counts().storeCount());
  }

  @Test
  void aFileThatIsNotLabelsJsonIsAConfigErrorWithOneMessage() throws Exception {
    Path input = work.resolve("not-labels");
    Files.createDirectories(input.resolve("mp3/rock"));
    Path labels = Files.writeString(input.resolve("labels.json"), "{}");
    io.musicrec.cli.CliRun run = io.musicrec.cli.CliRun.of("index", "--input", input.toString(), "--labels", labels.toString(),
        "--store", "embedded:" + work.resolve("not-labels-index"), "--report", work.resolve("not-labels-report").toString(),
        "--set", "spark.master=local[2]");
    String message = run.err().strip();
    assertEquals(io.musicrec.cli.Main.USAGE, run.code(), message);
    assertTrue(message.startsWith("config error: labels ") && message.contains("no top-level \"tracks\" object"), message);
    assertEquals(1, message.lines().count(), "one message, no stack trace: " + message);
  }

  @Test
  void anIncrementalRunOnAListingThatLostMostOfTheCollectionStopsInsteadOfDeleting() throws Exception {
    Path index = work.resolve("guard");
    new IndexJob(config(corpus.root(), index, Map.of())).run();
    Path almostEmpty = work.resolve("almost-empty");
    CorpusManifest.Track kept = corpus.manifest().catalog().get(0);
    Files.createDirectories(almostEmpty.resolve(kept.path()).getParent());
    Files.copy(corpus.root().resolve(kept.path()), almostEmpty.resolve(kept.path()));
    Files.copy(corpus.labels(), almostEmpty.resolve("labels.json"));
    MusicrecConfig config = config(almostEmpty, index, Map.of("mode", "incremental"));
    ConfigException e = assertThrows(ConfigException.class, () -> new IndexJob(config).run());
    assertTrue(e.getMessage().contains("--mode rebuild"), e.getMessage());
    try (VectorStore store = open(config)) {
      assertEquals(corpus.manifest().decodable().size(), store.count(config.collection()), "nothing was deleted");
    }
  }

  @Test
  void rebuildFillsANewVersionThenSwitchesTheAliasAndDropsOldVersions() throws Exception {
    Path index = work.resolve("rebuild");
    MusicrecConfig config = config(corpus.root(), index, Map.of("mode", "rebuild", "keep_versions", "1"));
    IndexReport first = new IndexJob(config).run();
    IndexReport second = new IndexJob(config).run();
    assertNotEquals(first.collection(), second.collection());
    try (VectorStore store = open(config)) {
      assertEquals(second.collection(), store.aliasTarget(config.collection()).orElseThrow());
      assertEquals(List.of(second.collection()), store.listVersions(config.collection()), "keep_versions=1 keeps only the live one");
      assertEquals(corpus.manifest().decodable().size(), store.count(config.collection()));
    }
  }

  @Test
  void aTaskFailingMidPartitionIsRetriedWithoutLosingOrDuplicatingTracks() throws Exception {
    MusicrecConfig config = config(corpus.root(), work.resolve("faults"), Map.of(
        "spark.master", "local[2,4]", // local mode retries failed tasks only when told to
        "spark.partitions", "4"));
    int firedBefore = FailOneTaskOnce.fired();
    IndexReport report = new IndexJob(config, new FailOneTaskOnce(1, 3)).run();
    assertEquals(firedBefore + 1, FailOneTaskOnce.fired(), "the fault fired once, so a retried attempt did the partition");
    int decodable = corpus.manifest().decodable().size();
    assertEquals(decodable, report.counts().upserted());
    try (VectorStore store = open(config)) {
      assertEquals(decodable, store.count(config.collection()));
      assertEquals(decodable, store.listPayloads(config.collection(), List.of("track_id")).size());
    }
  }

  @Test
  void badConfigStopsBeforeAnyWorkWithAMessageNamingTheFix() throws Exception {
    Path index = work.resolve("bad");
    ConfigException model = assertThrows(ConfigException.class,
        () -> new IndexJob(config(corpus.root(), index, Map.of("model", "conf/models/nope.yaml"))).run());
    assertTrue(model.getMessage().contains("nope.yaml"), model.getMessage());

    ConfigException input = assertThrows(ConfigException.class,
        () -> new IndexJob(config(work.resolve("no-such-dataset"), index, Map.of())).run());
    assertTrue(input.getMessage().contains("--input"), input.getMessage());

    ConfigException gpu = assertThrows(ConfigException.class, () -> new IndexJob(config(corpus.root(), index, Map.of(
        "spark.conf.spark.executor.resource.gpu.amount", "1", "spark.conf.spark.task.resource.gpu.amount", "1"))).run());
    assertTrue(gpu.getMessage().contains("local[N] master cannot schedule GPUs"), gpu.getMessage());

    Path noLabels = work.resolve("no-labels");
    Files.createDirectories(noLabels.resolve("mp3/rock"));
    ConfigException labels = assertThrows(ConfigException.class, () -> new IndexJob(config(noLabels, index, Map.of())).run());
    assertTrue(labels.getMessage().contains("labels.json"), labels.getMessage());
    assertTrue(labels.getMessage().contains("--labels"), labels.getMessage());

    Path small = TestCorpus.of(10, 3, 11, false).root();
    new IndexJob(config(small, index, Map.of())).run();
    ConfigException dimension = assertThrows(ConfigException.class,
        () -> new IndexJob(config(small, index, Map.of("model", "builtin:cnn14-shape"))).run());
    assertTrue(dimension.getMessage().contains("--mode rebuild"), dimension.getMessage());
    assertTrue(dimension.getMessage().contains(Integer.toString(io.musicrec.model.ModelSpecs.resolve("builtin:logmel").dimension())), dimension.getMessage());
  }

  static Path copyOf(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
    return to;
  }

  /** A run that fails after its version went live (here: the report cannot be written) leaves it live. */
  @Test
  void aFailureAfterTheAliasSwitchKeepsTheNewLiveVersion() throws Exception {
    Path reportIsAFile = Files.writeString(work.resolve("report-is-a-file"), "not a folder");
    MusicrecConfig config = config(corpus.root(), work.resolve("late-failure"),
        Map.of("report", reportIsAFile.toString(), "keep_versions", "1"));
    assertThrows(RuntimeException.class, () -> new IndexJob(config).run());
    try (VectorStore store = VectorStores.open(config)) {
      String live = store.aliasTarget(config.collection()).orElseThrow();
      assertTrue(store.exists(live), "the alias points to a collection that exists");
      assertEquals(corpus.manifest().decodable().size(), store.count(live));
    }
  }

  /**
   * What kill -9 during a rebuild's load leaves behind (a version created and half filled, never
   * marked complete) never counts as a version: the next rebuild keeps the last complete one as
   * the rollback version and drops the leftover.
   */
  @Test
  void aKilledRunsHalfFilledVersionIsNeverKeptAsTheRollbackVersion() throws Exception {
    MusicrecConfig config = config(corpus.root(), work.resolve("killed"), Map.of("mode", "rebuild", "keep_versions", "2"));
    assertKilledRunsVersionIsNeverKept(config, corpus.manifest().decodable().size());
  }

  /** The killed-run scenario on any store: {@code config} rebuilds with keep_versions=2. */
  static void assertKilledRunsVersionIsNeverKept(MusicrecConfig config, int decodable) throws Exception {
    IndexReport first = new IndexJob(config).run();
    String killed;
    try (VectorStore store = VectorStores.open(config)) {
      int dimension = store.dimension(first.collection()).orElseThrow();
      killed = store.createVersion(new CollectionSpec(config.collection(), dimension, CollectionLayout.from(config.layout())));
      List<String> some = new ArrayList<>(store.listPayloads(first.collection(), List.of("track_id"), 5).keySet());
      store.upsert(killed, store.retrieve(first.collection(), some));
    }
    IndexReport second = new IndexJob(config).run();
    try (VectorStore store = VectorStores.open(config)) {
      assertEquals(Optional.of(second.collection()), store.aliasTarget(config.collection()));
      assertEquals(List.of(first.collection(), second.collection()), store.listVersions(config.collection()),
          "keep_versions=2: the live version and the last complete one, not the half-filled " + killed);
      assertEquals(List.of(), store.incompleteVersions(config.collection()));
      assertFalse(store.exists(killed));
      assertEquals(decodable, store.count(first.collection()), "the rollback version is whole");
    }
  }
}
