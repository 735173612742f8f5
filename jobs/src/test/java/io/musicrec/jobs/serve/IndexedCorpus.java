package io.musicrec.jobs.serve;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.corpus.CorpusManifest;
import io.musicrec.jobs.index.IndexJob;
import io.musicrec.jobs.index.IndexReport;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import io.musicrec.testing.corpus.TestCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The standard generated corpus indexed into an embedded store by the real {@link IndexJob}, once
 * per test JVM (every serve test shares it), plus a copy of those points in a Qdrant server.
 */
record IndexedCorpus(TestCorpus corpus, MusicrecConfig config, IndexReport report) {
  private static IndexedCorpus shared;

  static synchronized IndexedCorpus get() {
    if (shared == null) {
      try {
        TestCorpus corpus = TestCorpus.standard();
        Path work = Files.createTempDirectory("musicrec-serve-test-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work)));
        MusicrecConfig config = ConfigLoader.load(null, Map.of(), Map.of(
            "input", corpus.root().toString(),
            "store", "embedded:" + work.resolve("index"),
            "report", work.resolve("report").toString(),
            "embeddings.table", work.resolve("embeddings").toString(),
            // keep_versions is 2 by default (defaults.yaml); said here because the tests rely on it.
            "keep_versions", "2",
            "spark.master", "local[2]"));
        IndexReport report = new IndexJob(config).run();
        shared = new IndexedCorpus(corpus, config, report);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: a leftover temp dir is harmless
    }
  }

  CorpusManifest manifest() {
    return corpus.manifest();
  }

  /** A catalogue track by id. */
  CorpusManifest.Track track(String id) {
    return manifest().catalog().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  /** Another track of the same artist, if the corpus has one. */
  Optional<CorpusManifest.Track> sibling(CorpusManifest.Track track) {
    return manifest().catalog().stream()
        .filter(t -> t.artist().equals(track.artist()) && !t.id().equals(track.id()))
        .findFirst();
  }

  /**
   * The same config pointed at {@code qdrantUri}, after every indexed point (vector and payload)
   * was copied there into a versioned collection behind the same alias, as the index job leaves it.
   */
  MusicrecConfig copyToQdrant(String qdrantUri) {
    MusicrecConfig qdrant = ConfigLoader.load(null, Map.of(), Map.of(
        "input", corpus.root().toString(), "store", qdrantUri, "spark.master", "local[2]"));
    try (VectorStore from = VectorStores.open(config);
        VectorStore to = VectorStores.open(qdrantUri, qdrant.sink(), qdrant.qdrant())) {
      String alias = config.collection();
      List<Point> points = from.retrieve(alias, from.listPayloads(alias, List.of()).keySet());
      String version = to.createVersion(CollectionSpec.of(alias, from.dimension(alias).orElseThrow()));
      to.upsert(version, points);
      to.switchAlias(alias, version);
    }
    return qdrant;
  }
}
