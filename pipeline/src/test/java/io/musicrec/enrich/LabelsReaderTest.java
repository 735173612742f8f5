package io.musicrec.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsReaderTest {
  /** Three tracks as the real file has them: one complete, one missing most attributes, one with NULL, extra and odd-typed attributes. */
  private static final String LUDWIG = """
      {"tracks": {
        "0F4iOPgG3lbCjqZ6IzlVxJ": {
          "artist": {"S": "Celia Cruz"}, "name": {"S": "Quimbara"}, "album": {"S": "Celia & Johnny"},
          "genre": {"S": "latin"}, "type": {"S": "track"},
          "subgenres": {"L": [{"S": "latin---salsa"}, {"S": "latin---son"}]},
          "otherSubgenres": {"L": [{"S": "jazz---latin jazz"}]},
          "popularity": {"N": "37"}, "danceability": {"N": "0.61"}, "energy": {"N": "0.8"}
        },
        "2Kx9bJrZZgEMHBwqwbS2Zs": {
          "artist": {"S": "Unknown Duo"}, "genre": {"S": "rock"}, "subgenres": {"L": []}
        },
        "7ydLc3Y8V3vv7kBtt4gA1w": {
          "artist": {"S": "Zed"}, "album": {"NULL": true}, "valence": {"N": 0.25},
          "explicit": {"BOOL": false}, "extra": {"M": {"x": {"S": "y"}}}, "otherSubgenres": {"SS": ["pop---ballad"]}
        }
      },
      "version": 1}
      """;

  private static SparkSession spark;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("LabelsReaderTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void readsLudwigLabelsWithNullsForMissingAttributes() throws IOException {
    Dataset<Row> labels = LabelsReader.read(spark, write("ludwig.json", LUDWIG).toString());
    assertEquals(LabelsReader.SCHEMA, labels.schema());
    Map<String, Row> byId = byId(labels);
    assertEquals(3, byId.size());

    Row salsa = byId.get("0F4iOPgG3lbCjqZ6IzlVxJ");
    assertEquals("Celia Cruz", salsa.getAs("artist"));
    assertEquals("Quimbara", salsa.getAs("name"));
    assertEquals("Celia & Johnny", salsa.getAs("album"));
    assertEquals("latin", salsa.getAs("genre"));
    assertEquals(List.of("latin---salsa", "latin---son"), salsa.getList(salsa.fieldIndex("subgenres")));
    assertEquals(List.of("jazz---latin jazz"), salsa.getList(salsa.fieldIndex("other_subgenres")));
    assertEquals(37.0, (Double) salsa.getAs("popularity"));
    assertEquals(Map.of("danceability", 0.61, "energy", 0.8), salsa.getJavaMap(salsa.fieldIndex("moods")));

    Row sparse = byId.get("2Kx9bJrZZgEMHBwqwbS2Zs");
    assertEquals("Unknown Duo", sparse.getAs("artist"));
    for (String missing : List.of("name", "album", "other_subgenres", "popularity", "moods")) {
      assertTrue(sparse.isNullAt(sparse.fieldIndex(missing)), missing + " is null, not a placeholder");
    }
    assertEquals(List.of(), sparse.getList(sparse.fieldIndex("subgenres")), "an empty list stays empty");

    Row odd = byId.get("7ydLc3Y8V3vv7kBtt4gA1w");
    assertTrue(odd.isNullAt(odd.fieldIndex("album")), "{\"NULL\": true} reads as missing");
    assertTrue(odd.isNullAt(odd.fieldIndex("genre")));
    assertEquals(Map.of("valence", 0.25), odd.getJavaMap(odd.fieldIndex("moods")), "only numeric attributes are moods");
    assertEquals(List.of("pop---ballad"), odd.getList(odd.fieldIndex("other_subgenres")));
  }

  @Test
  void streamsTensOfThousandsOfTracksIntoSeveralPartitions() throws IOException {
    int n = 30_000;
    List<String> genres = List.of("blues", "classical", "electronic", "funk / soul", "hip hop", "jazz", "latin", "pop", "reggae", "rock");
    List<TrackLabels> tracks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tracks.add(new TrackLabels(String.format("%022d", i), "artist " + (i % 997), "song " + i, null, genres.get(i % 10),
          List.of(genres.get(i % 10) + "---x"), List.of(), (double) (i % 101), Map.of("energy", (i % 10) / 10.0)));
    }
    Path file = dir.resolve("big.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      LabelsWriter.write(out, tracks);
    }
    Dataset<Row> labels = LabelsReader.read(spark, file.toString());
    assertEquals(spark.sparkContext().defaultParallelism(), labels.rdd().getNumPartitions());
    Row totals = labels.selectExpr("count(*)", "count_if(genre = 'funk / soul')", "sum(popularity)",
        "sum(moods['energy'])").first();
    double expectedPopularity = 0;
    double expectedEnergy = 0;
    for (int i = 0; i < n; i++) {
      expectedPopularity += i % 101;
      expectedEnergy += (i % 10) / 10.0;
    }
    assertEquals(n, totals.getLong(0));
    assertEquals(n / 10, totals.getLong(1));
    assertEquals(expectedPopularity, totals.getDouble(2), 1e-6);
    assertEquals(expectedEnergy, totals.getDouble(3), 1e-6);
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws IOException {
    String broken = """
        {"tracks": {
          "a": {"artist": {"S": "x"}},
          "b": {"artist" {"S": "y"}}
        }}
        """;
    LabelsFormatException e = assertThrows(LabelsFormatException.class,
        () -> LabelsReader.read(spark, write("broken.json", broken).toString()));
    assertTrue(e.getMessage().contains("broken.json is not valid JSON at line 3, column 18"), e.getMessage());
  }

  @Test
  void jsonThatIsNotLudwigShapedIsAConfigErrorThroughSpark() throws IOException {
    assertReadFails("{\"items\": []}", "no top-level \"tracks\" object");
    assertReadFails("{}", "no top-level \"tracks\" object", "{\"tracks\": {}}");
    assertReadFails("{\"tracks\": [1, 2]}", "\"tracks\" must be an object of track id -> attributes, got an array");
    assertReadFails("{\"tracks\": {\"t1\": {\"genre\": {\"S\": \"rock\"}}}} trailing", "not valid JSON at line 1, column 46");
    assertReadFails("{\"tracks\": {\"t1\": {\"genre\": {\"S\": \"rock\"}}}}\n{\"tracks\": {}}", "unexpected content after the top-level object");
    assertTrue(ConfigException.class.isAssignableFrom(LabelsFormatException.class), "exit 2, one message, no stack trace");
  }

  @Test
  void anEmptyTracksObjectIsAValidLabelsFileWithNoTracks() throws IOException {
    LabelsReader.Labels labels = LabelsReader.load(spark, write("none.json", "{\"tracks\": {}}").toString());
    assertEquals(0, labels.rows().count());
    assertEquals(List.of(), labels.rejects());
  }

  @Test
  void aBadEntryIsRejectedAloneAndARepeatedIdCountsOnce() throws IOException {
    String json = """
        {"tracks": {
          "good1": {"artist": {"S": "A"}, "genre": {"S": "rock"}},
          "numericGenre": {"artist": {"S": "B"}, "genre": {"N": "7"}, "popularity": {"N": "3"}},
          "deepProblem": {"subgenres": {"L": [{"S": "x"}, {"L": [{"S": "nested"}]}, {"S": "y"}]}, "artist": {"S": "C"}},
          "notAnObject": "Bob",
          "twice": {"artist": {"S": "first"}},
          "good2": {"artist": {"S": "D"}, "subgenres": {"L": [{"S": "jazz---bop"}]}},
          "twice": {"artist": {"S": "second"}},
          "": {"artist": {"S": "no id"}}
        }}
        """;
    LabelsReader.Labels labels = LabelsReader.load(spark, write("bad-entries.json", json).toString());

    Map<String, Row> byId = byId(labels.rows());
    assertEquals(Set.of("good1", "good2", "twice"), byId.keySet(), "bad entries are left out, the rest is read");
    assertEquals(3, labels.rows().count(), "a repeated id is one row");
    assertEquals("first", byId.get("twice").getAs("artist"), "the first entry of an id is used");
    assertEquals("D", byId.get("good2").getAs("artist"), "parsing goes on after a bad entry");
    List<String> rejected = labels.rejects().stream().map(r -> r.trackId() + ":" + r.reason()).toList();
    assertEquals(List.of("numericGenre:bad_entry", "deepProblem:bad_entry", "notAnObject:bad_entry",
        "twice:duplicate_entry", ":bad_entry"), rejected, "in file order");
    LabelsReject numeric = labels.rejects().get(0);
    assertTrue(numeric.detail().contains("attribute \"genre\"") && numeric.detail().contains("line 3"), numeric.detail());
    assertTrue(labels.rejects().get(3).detail().contains("line 8"), labels.rejects().get(3).detail());
  }

  @Test
  void typedValuesOfTheWrongShapeNameTrackAndAttribute() {
    assertParseFails("{\"tracks\": {\"t1\": {\"popularity\": {\"N\": \"high\"}}}}", "track \"t1\", attribute \"popularity\"", "{\"N\": \"high\"} is not a number");
    assertParseFails("{\"tracks\": {\"t1\": {\"subgenres\": {\"S\": \"rock\"}}}}", "attribute \"subgenres\"", "expected {\"L\"");
    assertParseFails("{\"tracks\": {\"t1\": {\"genre\": {\"N\": \"3\"}}}}", "attribute \"genre\"", "expected {\"S\": string}");
    assertParseFails("{\"tracks\": {\"t1\": {\"genre\": {}}}}", "attribute \"genre\"", "exactly one type tag");
    assertParseFails("{\"tracks\": {\"t1\": {\"genre\": {\"S\": \"a\", \"N\": \"1\"}}}}", "attribute \"genre\"", "exactly one type tag");
    assertParseFails("{\"tracks\": {\"t1\": {\"genre\": {\"X\": \"a\"}}}}", "unknown DynamoDB type tag \"X\"");
    assertParseFails("{\"tracks\": {\"t1\": {\"subgenres\": {\"L\": [{\"N\": \"1\"}]}}}}", "attribute \"subgenres\"", "non-string element");
    assertParseFails("", "the file is empty");
  }

  @Test
  void missingFileIsAConfigProblemThatSaysHowToFixIt() {
    String missing = dir.resolve("nowhere/labels.json").toString();
    ConfigException e = assertThrows(ConfigException.class, () -> LabelsReader.read(spark, missing));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    assertTrue(e.getMessage().contains("--labels"), e.getMessage());
    assertTrue(e.getMessage().contains("labels.json at the dataset root"), e.getMessage());

    ConfigException directory = assertThrows(ConfigException.class, () -> LabelsReader.read(spark, dir.toString()));
    assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
  }

  @Test
  void writerAndStreamingParserRoundTrip() throws IOException {
    Map<String, Double> moods = new LinkedHashMap<>();
    moods.put("danceability", 0.612);
    moods.put("energy", 1.0);
    List<TrackLabels> tracks = List.of(
        new TrackLabels("a", "A", "Song", "Album", "jazz", List.of("jazz---swing"), List.of("jazz---bop"), 37.0, moods),
        new TrackLabels("b", null, null, null, null, null, null, null, null));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LabelsWriter.write(out, tracks);
    String json = out.toString(StandardCharsets.UTF_8);
    assertTrue(json.contains("\"popularity\":{\"N\":\"37\"}"), json);
    assertTrue(json.contains("\"b\":{\"type\":{\"S\":\"track\"}}"), "missing attributes are left out: " + json);
    List<TrackLabels> parsed = new ArrayList<>();
    LabelsReader.parse(new ByteArrayInputStream(out.toByteArray()), "memory", parsed::add);
    assertEquals(tracks, parsed);
    assertNull(parsed.get(1).moods());
  }

  private static Map<String, Row> byId(Dataset<Row> labels) {
    Map<String, Row> byId = new HashMap<>();
    for (Row r : labels.collectAsList()) {
      byId.put(r.getAs("id"), r);
    }
    return byId;
  }

  private static Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
  }

  private static void assertReadFails(String json, String... fragments) throws IOException {
    Path file = write("bad-" + Integer.toHexString(json.hashCode()) + ".json", json);
    LabelsFormatException e = assertThrows(LabelsFormatException.class, () -> LabelsReader.read(spark, file.toString()));
    assertTrue(e.getMessage().contains("--labels"), "names the fix: " + e.getMessage());
    assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "\"" + fragment + "\" in: " + e.getMessage());
    }
  }

  private static void assertParseFails(String json, String... fragments) {
    LabelsFormatException e = assertThrows(LabelsFormatException.class,
        () -> LabelsReader.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json", t -> { }));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), "\"" + fragment + "\" in: " + e.getMessage());
    }
    assertTrue(e.getMessage().contains("test.json") && e.getMessage().contains("line 1, column"), e.getMessage());
  }
}
