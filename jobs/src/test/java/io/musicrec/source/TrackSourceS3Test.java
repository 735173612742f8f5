package io.musicrec.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.testing.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists a Ludwig-shaped tree through S3A from a real S3 protocol server on loopback. */
class TrackSourceS3Test {
  @TempDir static Path dir;
  static S3ProxyServer s3;
  static SparkSession spark;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.start(dir);
    s3.createBucket("music-listing");
    Path root = dir.resolve("dataset");
    for (String file : List.of("mp3/rock/4uLU6hMCjMI75M1A2tKUQC.mp3", "mp3/funk _ soul/0b2B3PVb2Y1n3lkKJ5GgSH.mp3", "mp3/rock/notes.txt")) {
      Path p = root.resolve(file);
      Files.createDirectories(p.getParent());
      Files.write(p, new byte[] {1, 2, 3});
    }
    s3.upload(root, "s3a://music-listing/ludwig");
    SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("s3-listing")
        .config("spark.ui.enabled", "false");
    s3.s3aSettings().forEach((k, v) -> b.config("spark.hadoop." + k, v));
    spark = b.getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) spark.stop();
    if (s3 != null) s3.close();
  }

  @Test
  void listsAudioFilesWithGenreFolderAndTrackId() {
    List<Row> rows = TrackSource.list(spark, "s3a://music-listing/ludwig").collectAsList();
    assertEquals(2, rows.size(), "only audio files are listed");
    var byId = rows.stream().collect(Collectors.toMap(r -> r.<String>getAs("track_id"), r -> r));
    Row funk = byId.get("0b2B3PVb2Y1n3lkKJ5GgSH");
    assertEquals("funk _ soul", funk.getAs("genre_folder"));
    assertEquals(3L, (long) funk.<Long>getAs("length"));
    String path = funk.getAs("path");
    assertTrue(path.startsWith("s3a://music-listing/ludwig/mp3/"), path);
    assertEquals("rock", byId.get("4uLU6hMCjMI75M1A2tKUQC").getAs("genre_folder"));
  }

  @Test
  void missingInputStopsWithAMessageNamingTheFix() {
    ConfigException e = assertThrows(ConfigException.class, () -> TrackSource.list(spark, "s3a://music-listing/nothing-here"));
    assertTrue(e.getMessage().contains("s3a://music-listing/nothing-here/mp3"), e.getMessage());
    assertTrue(e.getMessage().contains("--input"), e.getMessage());
  }
}
