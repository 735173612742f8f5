package io.musicrec.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.model.ClipPolicy;
import io.musicrec.testing.audio.TestAudio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark runs every design over every file and reports consistent figures (not speed). */
class DecodeBenchmarkTest {
  @TempDir Path dir;

  @Test
  void everyDesignDecodesEveryFileAndTheReportSerialises() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      files.add(TestAudio.musicLike(dir.resolve("t" + i + ".mp3"), 2, i, "-c:a", "libmp3lame", "-b:a", "160k"));
    }
    DecodeOptions options = new DecodeOptions(32000, new ClipPolicy(ClipPolicy.Mode.FIRST, 1, 1, 1), 20, 60);

    DecodeBenchmarkResult result = new DecodeBenchmark(options, 1, 1).run(files);

    assertEquals(3, result.tracks());
    assertEquals(6.0, result.audioSeconds(), 0.01);
    assertEquals(List.of("project_decoder", "ffmpeg_cli", "project_decoder_stream", "java_file_input", "java_spawn_devnull"),
        result.designs().stream().map(DecodeBenchmarkResult.Design::name).toList());
    for (DecodeBenchmarkResult.Design design : result.designs()) {
      assertEquals(3, design.decoded(), design.name());
      assertTrue(design.tracksPerS() > 0 && Double.isFinite(design.tracksPerS()), design.name());
      assertTrue(design.cpuS() > 0, design.name() + " used no measurable CPU: " + design.cpuS());
      assertEquals(result.audioSeconds() / design.cpuS(), design.audioSPerCpuS(), 1e-9);
    }
    assertEquals(result.designs().get(0).tracksPerS() / result.designs().get(1).tracksPerS(), result.ratioVsFfmpegCli(), 1e-12);

    JsonNode json = new ObjectMapper().valueToTree(result);
    assertTrue(json.get("ratio_vs_ffmpeg_cli").isNumber());
    assertEquals("ffmpeg_cli", json.get("designs").get(1).get("name").asText());
    assertTrue(json.get("designs").get(0).get("audio_s_per_cpu_s").isNumber());
  }
}
