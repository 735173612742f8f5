package io.musicrec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsTheShippedLocalConfig() {
    MusicrecConfig c = ConfigLoader.load(Path.of("../conf/local.yaml"), Map.of(), Map.of());
    assertEquals("data/sample", c.input());
    assertEquals("data/sample/labels.json", c.labels());
    assertEquals("embedded:data/index", c.store());
    assertEquals("builtin:logmel", c.model());
    assertEquals(IndexMode.FULL, c.mode());
    assertEquals("local[2]", c.spark().master());
    assertEquals(64, c.sink().batchPoints());
  }

  @Test
  void theShippedLocalConfigSetsNothingSoItCannotDisagreeWithTheDefaults() {
    assertEquals(ConfigLoader.load(null, Map.of(), Map.of()), ConfigLoader.load(Path.of("../conf/local.yaml"), Map.of(), Map.of()));
  }

  @Test
  void aKeyGivenWithoutAValueMeansItsDefault() throws Exception {
    Path file = write("input:\ncollection:\nmode:\nspark:\n  app_name:\nqdrant:\ns3:\n");
    assertEquals(ConfigLoader.load(null, Map.of(), Map.of()), ConfigLoader.load(file, Map.of(), Map.of()));
    assertEquals("musicrec-index", ConfigLoader.load(file, Map.of(), Map.of()).spark().appName());
  }

  @Test
  void theCollectionFollowsTheStoresNameRuleAndTheErrorNamesIt() {
    for (String bad : new String[] {"a.b", "-x", "_x", "a/b", "x".repeat(184)}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigLoader.load(null, Map.of(), Map.of("collection", bad)), bad);
      assertTrue(e.getMessage().startsWith("command line: ") && e.getMessage().contains("invalid collection name '" + bad + "'"),
          e.getMessage());
    }
    String longest = "x".repeat(183);
    assertEquals(longest, ConfigLoader.load(null, Map.of(), Map.of("collection", longest)).collection());
    // every version of a valid alias is a valid collection name
    io.musicrec.store.CollectionNames.requireValid(io.musicrec.store.CollectionNames.version(longest, java.time.Instant.now()));
  }

  @Test
  void theShippedClusterConfigAsksForAQuantizedOnDiskReplicatedLayout() {
    MusicrecConfig c = ConfigLoader.load(Path.of("../conf/cluster.yaml"), Map.of(), Map.of());
    Settings.Layout l = c.layout();
    assertTrue(l.onDiskVectors());
    assertEquals("int8", l.quantization());
    assertEquals(2, l.shardNumber());
    assertEquals(2, l.replicationFactor());
    assertEquals(1, l.writeConsistencyFactor());
    assertEquals(Map.of("genre", "keyword", "subgenres", "keyword", "artist", "keyword", "duration", "float"), l.payloadIndexes());
  }

  @Test
  void aLayoutThatCannotWorkNamesItsKey() throws Exception {
    ConfigException quant = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of(), Map.of("layout.quantization", "int4")));
    assertTrue(quant.getMessage().contains("quantization") && quant.getMessage().contains("int8"), quant.getMessage());
    ConfigException consistency = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
        Map.of("layout.replication_factor", "2", "layout.write_consistency_factor", "3")));
    assertTrue(consistency.getMessage().contains("write_consistency_factor"), consistency.getMessage());
    Path file = write("layout:\n  payload_indexes:\n    artist: none\n    year: number\n");
    ConfigException type = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
    assertTrue(type.getMessage().contains("payload_indexes.year"), type.getMessage());
    Path dropped = write("layout:\n  payload_indexes:\n    artist: none\n");
    assertEquals(Map.of("genre", "keyword", "subgenres", "keyword"), ConfigLoader.load(dropped, Map.of(), Map.of()).layout().payloadIndexes());
  }

  @Test
  void theSearchEffortIsAutomaticUnlessSetAndNamesItsKeyWhenItCannotWork() {
    assertEquals(0, ConfigLoader.load(null, Map.of(), Map.of()).search().hnswEf());
    assertEquals(400, ConfigLoader.load(null, Map.of("MUSICREC_SEARCH_HNSW_EF", "400"), Map.of()).search().hnswEf());
    ConfigException negative = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of(), Map.of("search.hnsw_ef", "-1")));
    assertTrue(negative.getMessage().contains("'search'") && negative.getMessage().contains("hnsw_ef must be")
        && negative.getMessage().contains("0 = automatic"), negative.getMessage());
    ConfigException huge = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of(), Map.of("search.hnsw_ef", "20000")));
    assertTrue(huge.getMessage().contains("hnsw_ef must be in [0, 10000]"), huge.getMessage());
  }

  @Test
  void environmentOverridesFileAndCommandLineOverridesEnvironment() throws Exception {
    Path file = write("sink:\n  batch_points: 10\nmode: full\n");
    MusicrecConfig fromEnv =
        ConfigLoader.load(file, Map.of("MUSICREC_SINK_BATCH_POINTS", "20", "MUSICREC_MODE", "rebuild"), Map.of());
    assertEquals(20, fromEnv.sink().batchPoints());
    assertEquals(IndexMode.REBUILD, fromEnv.mode());
    MusicrecConfig fromCli =
        ConfigLoader.load(file, Map.of("MUSICREC_SINK_BATCH_POINTS", "20"), Map.of("sink.batch_points", "30"));
    assertEquals(30, fromCli.sink().batchPoints());
  }

  @Test
  void keysLeftOutOfAPresentSectionKeepTheirDefaults() throws Exception {
    Path file = write("sink:\n  batch_points: 10\ndecode:\n  timeout_s: 30\nembed:\n  batch_size: 4\n");
    MusicrecConfig c = ConfigLoader.load(file, Map.of(), Map.of());
    assertEquals(10, c.sink().batchPoints());
    assertEquals(8, c.sink().maxRetries(), "not 0: a missing key is its default, not Java's zero");
    assertEquals(20, c.embed().maxWaitMs());
    assertEquals(30, c.decode().timeoutS());
    assertEquals(900, c.decode().maxSeconds(), "the section's other keys keep their defaults");
    assertTrue(c.sample().defects());
  }

  @Test
  void sparkPropertiesCanBeSetFromTheCommandLineDespiteTheirDots() {
    MusicrecConfig c = ConfigLoader.load(null, Map.of(), Map.of("spark.conf.spark.executor.memory", "8g"));
    assertEquals(Map.of("spark.executor.memory", "8g"), c.spark().conf());
  }

  @Test
  void anEmptySectionKeepsItsDefaultsAndTheQdrantKeyFromTheEnvironment() throws Exception {
    Path file = write("spark:\nqdrant:\n  # api_key: set in the environment\n");
    MusicrecConfig c = ConfigLoader.load(file, Map.of("QDRANT_API_KEY", "from-env"), Map.of());
    assertEquals("local[2]", c.spark().master());
    assertEquals("from-env", c.qdrant().apiKey());
  }

  @Test
  void unknownKeyNamesFileKeyAndAllowedKeys() throws Exception {
    Path file = write("sink:\n  batch_pionts: 10\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sink.batch_pionts"), e.getMessage());
    assertTrue(e.getMessage().contains("batch_points"), e.getMessage());
  }

  @Test
  void wrongTypeNamesKeyAndExpectedType() throws Exception {
    Path file = write("embed:\n  batch_size: lots\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("embed.batch_size"), e.getMessage());
    assertTrue(e.getMessage().contains("an integer"), e.getMessage());
  }

  @Test
  void badEnumListsAllowedValues() throws Exception {
    Path file = write("mode: sometimes\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("'mode'"), e.getMessage());
    assertTrue(e.getMessage().contains("full, incremental, rebuild"), e.getMessage());
  }

  @Test
  void aBadValueIsBlamedOnTheLayerItCameFrom() throws Exception {
    Path file = write("mode: full\n");
    ConfigException env = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(file, Map.of("MUSICREC_EMBED_BATCH_SIZE", "many"), Map.of()));
    assertTrue(env.getMessage().startsWith("environment (MUSICREC_* variables): key 'embed.batch_size'"), env.getMessage());
    ConfigException cli = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(file, Map.of(), Map.of("mode", "sometimes")));
    assertTrue(cli.getMessage().startsWith("command line: key 'mode'"), cli.getMessage());
  }

  @Test
  void valuesThatCannotWorkAreErrorsNotSilentDefaults() {
    Map<String, String> bad = Map.of(
        "sink.batch_points", "batch_points must be >= 1, got 0",
        "embed.batch_size", "batch_size must be >= 1, got 0",
        "decode.timeout_s", "timeout_s must be >= 1, got 0",
        "keep_versions", "keep_versions must be >= 1, got 0");
    bad.forEach((key, message) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), Map.of(key, "0")), key);
      assertTrue(e.getMessage().startsWith("command line: ") && e.getMessage().contains(message), e.getMessage());
    });
    ConfigException backoff = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of(), Map.of("sink.max_backoff_ms", "100", "sink.initial_backoff_ms", "200")));
    assertTrue(backoff.getMessage().contains("max_backoff_ms must be >= 200"), backoff.getMessage());
  }

  @Test
  void unknownCommandLineKeyIsRejected() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), Map.of("sink.nope", "1")));
    assertTrue(e.getMessage().contains("sink.nope"), e.getMessage());
  }

  @Test
  void missingFileSaysHowToFixIt() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("none.yaml"), Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("--config"), e.getMessage());
  }

  @Test
  void secretsNeverAppearInToString() {
    MusicrecConfig c =
        ConfigLoader.load(null, Map.of("QDRANT_API_KEY", "s3cr3t-key", "MUSICREC_S3_SECRET_KEY", "aws-secret"), Map.of());
    assertEquals("s3cr3t-key", c.qdrant().apiKey());
    assertFalse(c.toString().contains("s3cr3t-key"), c.toString());
    assertFalse(c.toString().contains("aws-secret"), c.toString());
  }
}
