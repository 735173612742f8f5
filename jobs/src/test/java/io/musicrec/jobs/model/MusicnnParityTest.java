package io.musicrec.jobs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.Settings;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodeResult;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.InputStreamOpener;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.embed.TrackEmbedding;
import io.musicrec.model.ClipPolicy;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.PretrainedModel;
import io.musicrec.testing.SharedAssets;
import io.musicrec.testing.realmusic.RealMusic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converted musicnn models against the reference implementation (the PyPI package on
 * TensorFlow, run by verify/musicnn_reference.py) on real music: the two shared clips and real
 * soundtrack recordings. Both sides get the same PCM, decoded by the project's own decoder, so
 * the check isolates the model; how much the decoder itself moves the result against librosa's
 * loading is measured beside it and written to target/parity/musicnn.json.
 *
 * <p>Tolerances: the graph reproduces the reference's float16 rounding of the spectrogram, so
 * what remains is float32 summation order (ONNX Runtime's convolutions vs TensorFlow's); measured
 * differences are below 1e-5, so 1e-4 on tags and 1e-3 on embedding values leave ten times that
 * for other CPUs' kernels, while a wrong weight layout or layer order moves them by whole tenths.
 */
class MusicnnParityTest {
  private static final double TAG_TOLERANCE = 1e-4;
  private static final double EMBEDDING_TOLERANCE = 1e-3;
  private static final double MIN_COSINE = 0.9999;
  /** Long tracks are cut here: one run of the network over 20 patches holds ~200 MB of activations. */
  private static final double MAX_SECONDS = 60;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @TempDir Path work;

  /** @param whole whether {@code samples} is the whole file (else its first {@link #MAX_SECONDS}) */
  private record Input(String name, Path file, Path pcm, float[] samples, boolean whole) {}

  @Test
  void tagsAndEmbeddingsMatchTheReferenceOnRealMusic() throws Exception {
    Path python = SharedAssets.verifyPython();
    List<Input> inputs = new ArrayList<>();
    for (String clip : List.of("TRWJAZW128F42760DD_test.mp3", "joram-moments_of_clarity-08-solipsism-59-88.mp3")) {
      inputs.add(decodeWhole(SharedAssets.musicnnKeras("audio/" + clip)));
    }
    List<Path> real = RealMusic.require().audioFiles();
    for (int i = 0; i < 3; i++) inputs.add(decodeWhole(real.get(i * (real.size() - 1) / 2))); // first, middle, last

    Map<String, Object> report = new LinkedHashMap<>();
    List<Map<String, String>> jobs = new ArrayList<>();
    for (PretrainedModel model : PretrainedModel.ALL) {
      for (Input input : inputs) {
        jobs.add(Map.of("model", referenceName(model), "pcm", input.pcm.toString(),
            "json", work.resolve(model.name() + "-" + input.name + ".pcm.json").toString()));
        // librosa loads whole files: compare decoders only where our PCM is the whole file too.
        if (input.whole) {
          jobs.add(Map.of("model", referenceName(model), "input", input.file.toString(),
              "json", work.resolve(model.name() + "-" + input.name + ".librosa.json").toString()));
        }
      }
    }
    runReference(python, jobs);

    for (PretrainedModel model : PretrainedModel.ALL) {
      ModelSpec spec = install(model);
      // Unnormalised, so embedding values compare one to one with the reference's.
      ModelSpec raw = new ModelSpec(spec.name(), spec.version(), spec.source(), spec.input(), spec.output(),
          spec.sampleRate(), spec.clip(), spec.dimension(), spec.distance(), false, spec.tagsOutput(), spec.tags());
      try (BatchingEmbedder embedder = BatchingEmbedder.open(raw, new Settings.Embed(1, 0, false, 0), OptionalInt.empty())) {
        for (Input input : inputs) {
          TrackEmbedding ours = embedder.embed(new float[][] {input.samples});
          JsonNode reference = JSON.readTree(work.resolve(model.name() + "-" + input.name + ".pcm.json").toFile());
          float[] refTags = floats(reference.path("tags_mean"));
          float[] refEmbedding = floats(reference.path("penultimate_mean"));
          String what = model.name() + " on " + input.name;

          List<String> top = ours.topTags(model.tags(), 5);
          assertEquals(new TrackEmbedding(new float[0], refTags).topTags(model.tags(), 5), top, what + ": top-5 tags");
          double tagDiff = maxAbsDiff(ours.tagProbabilities(), refTags);
          double embeddingDiff = maxAbsDiff(ours.vector(), refEmbedding);
          double cosine = cosine(ours.vector(), refEmbedding);
          assertTrue(tagDiff <= TAG_TOLERANCE, what + ": tag probabilities differ by " + tagDiff);
          assertTrue(embeddingDiff <= EMBEDDING_TOLERANCE, what + ": embedding differs by " + embeddingDiff);
          assertTrue(cosine >= MIN_COSINE, what + ": cosine " + cosine);

          Map<String, Object> row = new LinkedHashMap<>();
          row.put("top5", top);
          row.put("max_tag_diff", tagDiff);
          row.put("max_embedding_diff", embeddingDiff);
          row.put("cosine", cosine);
          if (input.whole) {
            // The decoder's share: the reference fed by librosa.load instead of our PCM.
            JsonNode librosa = JSON.readTree(work.resolve(model.name() + "-" + input.name + ".librosa.json").toFile());
            float[] librosaEmbedding = floats(librosa.path("penultimate_mean"));
            float[] librosaTags = floats(librosa.path("tags_mean"));
            row.put("decoder_vs_librosa_cosine", cosine(refEmbedding, librosaEmbedding));
            row.put("decoder_vs_librosa_max_tag_diff", maxAbsDiff(refTags, librosaTags));
            row.put("decoder_vs_librosa_same_top5",
                top.equals(new TrackEmbedding(new float[0], librosaTags).topTags(model.tags(), 5)));
          }
          report.put(what, row);
        }
      }
    }
    Path out = Files.createDirectories(Path.of("target", "parity")).resolve("musicnn.json");
    JSON.writeValue(out.toFile(), report);
    System.out.println("musicnn parity: " + JSON.writeValueAsString(report));
  }

  private ModelSpec install(PretrainedModel model) throws Exception {
    String port = model == PretrainedModel.MUSICNN_MSD ? "MSD_musicnn.h5" : "MTT_musicnn.h5";
    Path models = Files.createDirectories(work.resolve("models"));
    return new ModelInstaller(models, new PrintWriter(new StringWriter()))
        .install(model, Optional.of(SharedAssets.musicnnKeras(port))).spec();
  }

  private static String referenceName(PretrainedModel model) {
    return model == PretrainedModel.MUSICNN_MSD ? "MSD_musicnn" : "MTT_musicnn";
  }

  /** The whole track (up to {@link #MAX_SECONDS}) at 16 kHz mono through the project's decoder, also written as raw f32 PCM. */
  private Input decodeWhole(Path file) throws IOException {
    DecodeResult probe = decoder(new ClipPolicy(ClipPolicy.Mode.FIRST, 1, 1, 1)).decode(file.toString(), InputStreamOpener.of(file));
    double seconds = ((DecodedClip) probe).durationSeconds();
    int samples = (int) Math.floor(Math.min(seconds, MAX_SECONDS) * 16_000);
    DecodeResult whole = decoder(new ClipPolicy(ClipPolicy.Mode.FIRST, samples / 16_000.0, 1, 1))
        .decode(file.toString(), InputStreamOpener.of(file));
    float[] pcm = ((DecodedClip) whole).windows()[0];
    String name = file.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
    Path out = work.resolve(name + ".f32");
    ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : pcm) bytes.putFloat(v);
    Files.write(out, bytes.array());
    return new Input(name, file, out, pcm, seconds <= MAX_SECONDS);
  }

  private static AudioDecoder decoder(ClipPolicy clip) {
    return new AudioDecoder(new DecodeOptions(16_000, clip, 120, 900));
  }

  private void runReference(Path python, List<Map<String, String>> jobs) throws Exception {
    Path batch = work.resolve("jobs.json");
    JSON.writeValue(batch.toFile(), jobs);
    Path script = SharedAssets.projectRoot().resolve("verify/musicnn_reference.py");
    Process process = new ProcessBuilder(python.toString(), script.toString(), "--batch", batch.toString())
        .redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(15, TimeUnit.MINUTES), "reference timed out");
    assertEquals(0, process.exitValue(), "reference failed: " + new String(output, StandardCharsets.UTF_8));
  }

  private static float[] floats(JsonNode array) {
    assertTrue(array.isArray() && array.size() > 0, "reference output lacks a field: " + array);
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) values[i] = (float) array.get(i).asDouble();
    return values;
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double worst = 0;
    for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    return worst;
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * (double) b[i];
      na += a[i] * (double) a[i];
      nb += b[i] * (double) b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
