package io.musicrec.jobs.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.testing.S3ProxyServer;
import io.musicrec.testing.audio.TestAudio;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio for playback comes from where the index found it: here an s3a:// object on a real S3
 * protocol server, reached with the config's {@code s3} section and {@code spark.hadoop.*} entries,
 * read from an offset the way a seeking player asks for it.
 */
class TrackFilesS3Test {
  @TempDir Path tmp;

  @Test
  void readsLengthAndAnyRangeOfAnS3Object() throws Exception {
    Path dataset = tmp.resolve("dataset/mp3/jazz");
    Files.createDirectories(dataset);
    Path mp3 = TestAudio.mp3Cbr(TestAudio.Tone.of(440, 2), dataset.resolve("track1.mp3"), 128);
    byte[] bytes = Files.readAllBytes(mp3);
    try (S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
      s3.createBucket("music-serve");
      s3.upload(tmp.resolve("dataset"), "s3a://music-serve/ludwig");
      Path yaml = Files.writeString(tmp.resolve("s3.yaml"), String.join("\n",
          "s3:",
          "  endpoint: " + s3.endpoint(),
          "  access_key: " + S3ProxyServer.ACCESS_KEY,
          "  secret_key: " + S3ProxyServer.SECRET_KEY,
          "  path_style: true",
          "spark:",
          "  conf:",
          "    spark.hadoop.fs.s3a.endpoint.region: us-east-1",
          ""));
      MusicrecConfig config = ConfigLoader.load(yaml, Map.of(), Map.of());
      TrackFiles files = TrackFiles.from(config);
      String url = "s3a://music-serve/ludwig/mp3/jazz/track1.mp3";

      assertEquals(bytes.length, files.length(url));
      try (InputStream in = files.open(url, 0)) {
        assertArrayEquals(bytes, in.readAllBytes());
      }
      try (InputStream in = files.open(url, 5000)) {
        assertArrayEquals(Arrays.copyOfRange(bytes, 5000, 5100), in.readNBytes(100), "seeked read");
      }
    }
  }
}
