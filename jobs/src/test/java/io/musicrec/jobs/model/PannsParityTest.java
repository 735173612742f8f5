package io.musicrec.jobs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.corpus.CorpusGenerator;
import io.musicrec.corpus.CorpusSpec;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodeResult;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.InputStreamOpener;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.model.ClipPolicy;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.model.PannsCnn14;
import io.musicrec.testing.audio.TestAudio;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PANNs CNN14 end to end with the real Python stack: `model install panns-cnn14 --random-weights`
 * executes the export notebook (PyTorch -> ONNX, opset 17) and installs the spec; then PyTorch
 * eager, ONNX Runtime in Python and the pipeline's embed stage embed the same PCM, decoded by the
 * project's own decoder from real MP3s (shared/models/musicnn-keras/audio) and generated tracks.
 * Needs {@code MUSICREC_TORCH_PYTHON} (verify/panns/install.sh): skipped without it, a failure when
 * {@code MUSICREC_REQUIRE_VERIFY=1} (CI).
 */
class PannsParityTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path REPORT = Path.of("target", "panns-parity.json");

  @TempDir static Path tmp;
  private static PannsInstaller.Installed installed;
  private static final StringWriter installLog = new StringWriter();
  private static final Map<String, Object> report = new LinkedHashMap<>();

  @BeforeAll
  static void install() throws Exception {
    Optional<Path> python = PannsPython.configuredPython();
    if (python.isEmpty()) {
      String reason = PannsPython.PYTHON_ENV + " is not set (make the environment with verify/panns/install.sh)";
      if ("1".equals(System.getenv("MUSICREC_REQUIRE_VERIFY"))) fail(reason + " and MUSICREC_REQUIRE_VERIFY=1");
      assumeTrue(false, reason);
    }
    System.setProperty(InstalledModels.DIR_PROPERTY, tmp.resolve("models").toString());
    long started = System.nanoTime();
    installed = new PannsInstaller(tmp.resolve("models"), new PrintWriter(installLog, true)).install(Optional.empty(), 0);
    report.put("install_seconds", (System.nanoTime() - started) / 1e9);
    report.put("export", installed.export());
    report.put("install_java_vs_pytorch", installed.javaVsPytorch());
  }

  @AfterAll
  static void writeReport() throws Exception {
    System.clearProperty(InstalledModels.DIR_PROPERTY);
    if (!report.isEmpty()) {
      Files.createDirectories(REPORT.getParent());
      JSON.writeValue(REPORT.toFile(), report);
    }
  }

  @Test
  void theInstallRunsTheNotebookAndMarksRandomWeightsInTheVersion() throws Exception {
    String log = installLog.toString();
    assertTrue(log.contains("SEEDED RANDOM WEIGHTS"), "the notebook says loudly that the weights are random:\n" + log);
    ModelSpec spec = ModelSpecs.resolve(PannsCnn14.NAME); // the installed name, checked against its recorded digest
    assertEquals("random-weights-seed-0", spec.version());
    assertEquals(2048, spec.dimension());
    assertEquals(32_000, spec.sampleRate());
    JsonNode export = installed.export();
    assertEquals(17, export.path("onnx").path("opset").asInt());
    assertEquals("random-weights-seed-0", export.path("onnx").path("metadata").path("musicrec.model_version").asText());
    assertTrue(export.path("parity_pytorch_vs_onnxruntime").path("min_cosine").asDouble() >= EmbeddingAgreement.MIN_COSINE);
    JsonNode provenance = JSON.readTree(installed.folder().resolve(InstalledModels.PROVENANCE_FILE).toFile());
    assertEquals(Files.size(installed.folder().resolve(PannsInstaller.ONNX_FILE)), provenance.path("onnx").path("bytes").asLong());
    assertTrue(provenance.path("weights").path("random").asBoolean());
    assertTrue(Files.readString(installed.folder().resolve(InstalledModels.SPEC_FILE)).contains("RANDOM WEIGHTS"));
    assertTrue(installed.javaVsPytorch().withinBounds(), installed.javaVsPytorch().toString());
  }

  @Test
  void pytorchOnnxRuntimeAndThePipelineGiveTheSameEmbeddingsOnDecodedAudio() throws Exception {
    ModelSpec spec = installed.spec();
    List<Path> files = new ArrayList<>(sharedClips());
    files.addAll(generatedTracks());
    AudioDecoder decoder = new AudioDecoder(new DecodeOptions(spec.sampleRate(), spec.clip(), 120, 600));
    Path dir = Files.createDirectories(tmp.resolve("three-way"));
    List<String> args = new ArrayList<>(List.of("embed", "--onnx", spec.source(), "--samples",
        Integer.toString(spec.clip().samplesPerWindow(spec.sampleRate())), "--out-dir", dir.toString()));
    Map<String, List<float[]>> windows = new LinkedHashMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString().replaceAll("\\.[a-z0-9]+$", "");
      List<float[]> w = Arrays.asList(decoded(decoder, file).windows());
      windows.put(name, w);
      Float32Files.write(dir.resolve(name + ".f32"), w);
      args.add(dir.resolve(name + ".f32").toString());
    }
    PannsPython.locate(new PrintWriter(System.err, true)).reference(args);
    Map<String, Object> results = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, List<float[]>> e : windows.entrySet()) {
      float[][] torch = Float32Files.read(dir.resolve(e.getKey() + ".torch.f32"), spec.dimension());
      float[][] ortPython = Float32Files.read(dir.resolve(e.getKey() + ".ort.f32"), spec.dimension());
      float[][] java = PannsInstaller.rawEmbeddings(spec, e.getValue());
      Map<String, EmbeddingAgreement> pairs = new LinkedHashMap<>();
      pairs.put("java_vs_pytorch", EmbeddingAgreement.of(torch, java));
      pairs.put("java_vs_onnxruntime_python", EmbeddingAgreement.of(ortPython, java));
      pairs.put("pytorch_vs_onnxruntime_python", EmbeddingAgreement.of(torch, ortPython));
      pairs.forEach((pair, agreement) -> {
        System.out.printf("%s %s: %s%n", e.getKey(), pair, agreement);
        if (!agreement.withinBounds()) failures.add(e.getKey() + " " + pair + ": " + agreement);
      });
      results.put(e.getKey(), pairs);
    }
    report.put("three_way", results);
    assertTrue(windows.size() >= 3, "real and generated audio: " + windows.keySet());
    assertTrue(failures.isEmpty(), "outside cosine >= " + EmbeddingAgreement.MIN_COSINE + ", max |diff| <= "
        + EmbeddingAgreement.MAX_RELATIVE + " of the largest value: " + failures);
  }

  /**
   * How far the project's decoder (ffmpeg, soxr to 32 kHz) moves the embedding against librosa's
   * loading, which the PANNs code and most notebooks use: a measurement, recorded in
   * target/panns-parity.json; the bound only catches a decoder that is plainly wrong (wrong rate,
   * channels, or a shifted start).
   */
  @Test
  void theProjectsDecoderAgainstLibrosaLoading() throws Exception {
    List<Path> clips = sharedClips();
    assumeTrue(!clips.isEmpty(), "the shared real clips are not here");
    ModelSpec spec = installed.spec();
    AudioDecoder first20s = new AudioDecoder(new DecodeOptions(spec.sampleRate(),
        new ClipPolicy(ClipPolicy.Mode.FIRST, 20, 1, 2), 120, 600));
    Map<String, Object> results = new LinkedHashMap<>();
    for (Path clip : clips) {
      Path pcm = tmp.resolve(clip.getFileName() + ".first20s.f32");
      Float32Files.write(pcm, List.of(decoded(first20s, clip).windows()[0]));
      JsonNode r = PannsPython.locate(new PrintWriter(System.err, true)).reference(List.of("decoders", "--onnx",
          spec.source(), "--audio", clip.toString(), "--java-pcm", pcm.toString(), "--seconds", "20"));
      results.put(clip.getFileName().toString(), r);
      System.out.printf("decoder vs librosa, %s: lag %d samples, PCM SNR %.1f dB aligned (%.1f dB raw), embedding cosine %.6f%n",
          clip.getFileName(), r.path("lag_samples").asInt(), r.path("pcm_snr_db_aligned").asDouble(),
          r.path("pcm_snr_db_raw").asDouble(), r.path("embedding").path("min_cosine").asDouble());
      assertTrue(Math.abs(r.path("lag_samples").asInt()) < 3200, "start offset under 0.1 s: " + r);
      assertTrue(r.path("pcm_snr_db_aligned").asDouble() > 20, "same audio once aligned: " + r);
      assertTrue(r.path("embedding").path("min_cosine").asDouble() > 0.99, "embedding close: " + r);
    }
    report.put("decoder_vs_librosa", results);
  }

  @Test
  void aSpecThatDisagreesWithTheExportedFileIsAClearError() {
    ModelSpec good = installed.spec();
    Settings.Embed settings = new Settings.Embed(1, 0, false, 0);
    Map<String, ModelSpec> wrong = new LinkedHashMap<>();
    wrong.put("sample_rate", new ModelSpec(good.name(), good.version(), good.source(), good.input(), good.output(), 16_000,
        good.clip(), good.dimension(), "cosine", true));
    wrong.put("version: 'random-weights-seed-0'", new ModelSpec(good.name(), PannsCnn14.CHECKPOINT_VERSION, good.source(),
        good.input(), good.output(), good.sampleRate(), good.clip(), good.dimension(), "cosine", true));
    wrong.put("dimension 2048", new ModelSpec(good.name(), good.version(), good.source(), good.input(), good.output(),
        good.sampleRate(), good.clip(), 512, "cosine", true));
    wrong.put("outputs [embedding, clipwise_output]", new ModelSpec(good.name(), good.version(), good.source(), good.input(),
        "features", good.sampleRate(), good.clip(), good.dimension(), "cosine", true));
    wrong.put("inputs [waveform]", new ModelSpec(good.name(), good.version(), good.source(), "audio", good.output(),
        good.sampleRate(), good.clip(), good.dimension(), "cosine", true));
    wrong.forEach((expected, spec) -> {
      ConfigException e = assertThrows(ConfigException.class, () -> BatchingEmbedder.open(spec, settings, OptionalInt.empty()));
      assertTrue(e.getMessage().contains(expected), expected + " in: " + e.getMessage());
    });
  }

  private static DecodedClip decoded(AudioDecoder decoder, Path file) {
    DecodeResult result = decoder.decode(file.toString(), InputStreamOpener.of(file));
    if (result instanceof DecodedClip clip) return clip;
    throw new AssertionError(file + " did not decode: " + result);
  }

  /** The real clips the issue names; in CI they must be there. */
  private static List<Path> sharedClips() throws Exception {
    Path dir = PannsPython.projectHome().toAbsolutePath().getParent().resolve("shared/models/musicnn-keras/audio");
    if (!Files.isDirectory(dir)) {
      if ("1".equals(System.getenv("MUSICREC_REQUIRE_VERIFY"))) fail(dir + " is missing");
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> mp3 = files.filter(p -> p.toString().endsWith(".mp3")).sorted().toList();
      assertFalse(mp3.isEmpty(), "no MP3 in " + dir);
      return mp3;
    }
  }

  /** Two tracks from the project's generator (instruments, drums; 25 s) and one shorter than a window (looped). */
  private static List<Path> generatedTracks() throws Exception {
    Path corpus = tmp.resolve("corpus");
    CorpusGenerator.generate(new CorpusSpec(corpus, 2, 25, 15, false));
    List<Path> tracks;
    try (Stream<Path> files = Files.walk(corpus)) {
      tracks = new ArrayList<>(files.filter(p -> p.toString().endsWith(".mp3")).sorted().toList());
    }
    assertEquals(2, tracks.size(), "generated " + tracks);
    tracks.add(TestAudio.musicLike(tmp.resolve("short-6s.mp3"), 6, 3, "-b:a", "128k"));
    return tracks;
  }
}
