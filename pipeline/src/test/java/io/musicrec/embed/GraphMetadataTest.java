package io.musicrec.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.model.onnx.OnnxModelSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exported file's own metadata (sample rate, dimension, version, as the PANNs export notebook
 * writes them) against the spec that opens it, on a real ONNX Runtime session: builtin:logmel's
 * graph with metadata_props appended (protobuf fields concatenate, so appending field 14 adds
 * entries to the ModelProto).
 */
class GraphMetadataTest {
  private static final ModelSpec LOGMEL = ModelSpecs.resolve("builtin:logmel");
  private static final Settings.Embed SETTINGS = new Settings.Embed(1, 0, false, 1);

  @TempDir Path tmp;

  @Test
  void aFileWhoseMetadataMatchesItsSpecOpensAndEmbeds() throws Exception {
    ModelSpec spec = specFor(Map.of("musicrec.sample_rate", "32000", "musicrec.dimension", String.valueOf(LOGMEL.dimension()),
        "musicrec.model_version", "7"), "7", 32_000);
    try (BatchingEmbedder embedder = BatchingEmbedder.open(spec, SETTINGS, OptionalInt.empty())) {
      assertEquals(LOGMEL.dimension(), embedder.embed(new float[][] {BatchingEmbedderTest.Sounds.tone(220, BatchingEmbedderTest.Sounds.DARK, 2, 1)}).vector().length);
    }
  }

  @Test
  void aSampleRateVersionOrDimensionThatDisagreesIsAConfigErrorNamingTheKey() throws Exception {
    Map<String, String> meta = Map.of("musicrec.sample_rate", "16000", "musicrec.model_version", "random-weights-seed-3");
    ConfigException rate = assertThrows(ConfigException.class,
        () -> BatchingEmbedder.open(specFor(meta, "random-weights-seed-3", 32_000), SETTINGS, OptionalInt.empty()));
    assertTrue(rate.getMessage().contains("exported for 16000 Hz") && rate.getMessage().contains("sample_rate: 32000"),
        rate.getMessage());
    ConfigException version = assertThrows(ConfigException.class,
        () -> BatchingEmbedder.open(specFor(meta, "Cnn14_mAP=0.431", 16_000), SETTINGS, OptionalInt.empty()));
    assertTrue(version.getMessage().contains("exported as version 'random-weights-seed-3'")
        && version.getMessage().contains("version: 'Cnn14_mAP=0.431'"), version.getMessage());
    ConfigException dimension = assertThrows(ConfigException.class, () -> BatchingEmbedder.open(
        specFor(Map.of("musicrec.dimension", "2048"), "1", 32_000), SETTINGS, OptionalInt.empty()));
    assertTrue(dimension.getMessage().contains("2048-d"), dimension.getMessage());
  }

  private ModelSpec specFor(Map<String, String> metadata, String version, int sampleRate) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(OnnxModelSource.forSpec(LOGMEL).bytes());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      byte[] entry = concat(field(1, e.getKey()), field(2, e.getValue()));
      out.write(14 << 3 | 2);
      out.write(varint(entry.length));
      out.write(entry);
    }
    Path file = Files.write(tmp.resolve("logmel-" + metadata.hashCode() + ".onnx"), out.toByteArray());
    return new ModelSpec("logmel", version, file.toString(), LOGMEL.input(), LOGMEL.output(), sampleRate, LOGMEL.clip(),
        LOGMEL.dimension(), "cosine", true);
  }

  private static byte[] field(int number, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return concat(new byte[] {(byte) (number << 3 | 2)}, varint(bytes.length), bytes);
  }

  private static byte[] varint(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7f) != 0) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }
}
