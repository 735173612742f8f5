package io.musicrec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.store.CollectionSpec;
import io.musicrec.store.Point;
import io.musicrec.store.VectorStore;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedup}, {@code quality} and the query options of issue 17, through the CLI on an embedded
 * index of hand-placed points in a plane: x at 0 degrees and x-copy at 0.03 (the only pair above
 * the logmel threshold 0.998, i.e. closer than 3.6 degrees), y1, y2, y3 by artist Y at 10, 15 and
 * 22 degrees, and z by Z at 45 degrees out of the plane.
 */
class DiscoveryCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;
  String store;

  private static Point point(String id, String artist, double degrees, int axis) {
    double a = Math.toRadians(degrees);
    float[] v = new float[3];
    v[0] = (float) Math.cos(a);
    v[axis] = (float) Math.sin(a);
    return new Point(id, v, Map.of("artist", artist, "name", id, "genre", "g" + (axis), "model", "logmel"));
  }

  @BeforeEach
  void index() {
    store = "embedded:" + tmp.resolve("index");
    try (VectorStore s = EmbeddedStore.open(tmp.resolve("index"), EmbeddedOptions.defaults())) {
      s.ensureCollection(CollectionSpec.of("musicrec", 3));
      s.upsert("musicrec", List.of(point("x", "X", 0, 1), point("x-copy", "X", 0.03, 1),
          point("y1", "Y", 10, 1), point("y2", "Y", 15, 1), point("y3", "Y", 22, 1), point("z", "Z", 45, 2)));
    }
  }

  @Test
  void dedupPrintsTheGroupsAsJsonAndQueriesCanCollapseThem() throws Exception {
    CliRun dedup = CliRun.of("dedup", "--store", store, "--json");
    assertEquals(Main.OK, dedup.code(), dedup.err());
    JsonNode groups = JSON.readTree(dedup.out()).get("groups");
    assertEquals(1, groups.size(), dedup.out());
    assertEquals(List.of("x", "x-copy"), List.of(groups.get(0).get("ids").get(0).asText(), groups.get(0).get("ids").get(1).asText()));
    assertTrue(groups.get(0).get("score").asDouble() >= 0.998);

    JsonNode plain = results(CliRun.of("query", "--store", store, "similar", "--track", "y1", "-k", "5", "--json"));
    assertEquals(List.of("y2", "x-copy", "x", "y3", "z"), ids(plain));
    JsonNode collapsed = results(CliRun.of("query", "--store", store, "similar", "--track", "y1", "-k", "5", "--json", "--collapse-duplicates"));
    assertEquals(List.of("y2", "x-copy", "y3", "z"), ids(collapsed), "the best-ranked copy stands for x");
    for (JsonNode r : collapsed) {
      assertEquals("sounds_like", r.get("reason").get("kind").asText());
      assertEquals("y1", r.get("reason").get("track").asText());
    }
  }

  @Test
  void artistCapAndDiversityOnTheCommandLine() throws Exception {
    JsonNode capped = results(CliRun.of("query", "--store", store, "similar", "--track", "x", "-k", "5", "--json", "--max-per-artist", "1"));
    assertEquals(List.of("x-copy", "y1", "z"), ids(capped));
    CliRun text = CliRun.of("query", "--store", store, "recommend", "--like", "y1,z", "-k", "2");
    assertEquals(Main.OK, text.code(), text.err());
    assertTrue(text.out().contains("why: closest to liked \"y1\" by Y"), text.out());
    CliRun bad = CliRun.of("query", "--store", store, "similar", "--track", "x", "--diversity", "1.5");
    assertEquals(Main.USAGE, bad.code());
    assertTrue(bad.err().contains("diversity") && !bad.err().contains("Exception"), bad.err());
  }

  @Test
  void anUnknownDuplicatesModeForIndexIsAUsageErrorNamingTheChoices() {
    CliRun bad = CliRun.of("index", "--store", store, "--input", tmp.resolve("none").toString(), "--duplicates", "maybe");
    assertEquals(Main.USAGE, bad.code(), bad.err());
    assertTrue(bad.err().contains("--duplicates") && bad.err().contains("mark, report, off") && !bad.err().contains("Exception"), bad.err());
  }

  @Test
  void qualityWritesItsReport() throws Exception {
    CliRun quality = CliRun.of("quality", "--store", store, "--out", tmp.resolve("q").toString(), "-k", "3");
    assertEquals(Main.OK, quality.code(), quality.err());
    assertTrue(quality.out().contains("hubness"), quality.out());
    JsonNode report = JSON.readTree(tmp.resolve("q/quality.json").toFile());
    assertEquals(6, report.get("tracks").asInt());
    // Capped at 2 per artist, no list of 3 can hold more than 2 tracks of one artist.
    assertTrue(report.get("diversified").get("top_artist_share").asDouble() <= 0.667, report.toString()); // 2/3, rounded
    assertTrue(Files.size(tmp.resolve("q/quality.png")) > 0);
  }

  private static JsonNode results(CliRun run) throws Exception {
    assertEquals(Main.OK, run.code(), run.err());
    return JSON.readTree(run.out()).get("results");
  }

  private static List<String> ids(JsonNode results) {
    List<String> ids = new ArrayList<>();
    results.forEach(r -> ids.add(r.get("id").asText()));
    return ids;
  }
}
