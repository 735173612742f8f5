package io.musicrec.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.model.Digests;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.PannsCnn14;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code musicrec model install panns-cnn14}: checks the checkpoint against the published size and
 * md5, runs the export notebook (PyTorch to ONNX, with its own PyTorch-vs-ONNX-Runtime parity
 * check), then proves the installed file in this JVM: ONNX Runtime here must give PyTorch's
 * embeddings on a verification signal. Writes the spec, provenance and licence beside the graph and
 * replaces the model's folder atomically (a failed install leaves the previous one). Without a
 * checkpoint ({@code --random-weights}) every step is the same, and the version says
 * {@code random-weights-seed-N}.
 */
public final class PannsInstaller {
  static final String ONNX_FILE = PannsCnn14.NAME + ".onnx";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path modelsDir;
  private final PrintWriter log;

  public PannsInstaller(Path modelsDir, PrintWriter log) {
    this.modelsDir = modelsDir;
    this.log = log;
  }

  /** What an install produced. */
  public record Installed(Path folder, ModelSpec spec, JsonNode export, EmbeddingAgreement javaVsPytorch,
      EmbeddingAgreement javaVsOnnxRuntimePython) {}

  /** The published checkpoint's facts, as read from the user's file. */
  record Checkpoint(Path file, long bytes, String md5, String sha256) {}

  /**
   * @param checkpoint the published Cnn14_mAP=0.431.pth, or empty for seeded random weights
   * @param seed the random weights' seed (ignored with a checkpoint)
   */
  public Installed install(Optional<Path> checkpoint, long seed) throws IOException {
    Optional<Checkpoint> verified = checkpoint.map(PannsInstaller::verifyCheckpoint);
    PannsPython python = PannsPython.locate(log);
    String version = verified.isPresent() ? PannsCnn14.CHECKPOINT_VERSION : PannsCnn14.randomWeightsVersion(seed);
    Path staging = Files.createDirectories(modelsDir).resolve("." + PannsCnn14.NAME + ".installing");
    Folders.deleteRecursively(staging);
    Files.createDirectories(staging);
    try {
      Path onnx = staging.resolve(ONNX_FILE);
      log.printf("exporting %s (%s) with %s%n", PannsCnn14.NAME, version, PannsPython.NOTEBOOK);
      log.flush();
      python.runNotebook(List.of(
          "CHECKPOINT=" + verified.map(c -> PannsPython.literal(c.file().toAbsolutePath().toString())).orElse("None"),
          "SEED=" + seed,
          "OUTPUT=" + PannsPython.literal(onnx.toAbsolutePath().toString()),
          "SUMMARY=" + PannsPython.literal(staging.resolve("export.json").toAbsolutePath().toString())),
          staging.resolve("export_panns_onnx.executed.ipynb"));
      JsonNode export = JSON.readTree(staging.resolve("export.json").toFile());
      if (!version.equals(export.path("version").asText())) {
        throw new IllegalStateException("the notebook exported version " + export.path("version") + ", expected " + version);
      }
      ModelSpec spec = PannsCnn14.spec(version, onnx.toString());
      Parity parity = verifyInJava(python, spec, verified, staging.resolve("verification"));
      Folders.deleteRecursively(staging.resolve("verification"));
      Files.delete(staging.resolve("export.json")); // its facts go to provenance.json; its paths were the staging folder's
      InstalledSpecFile.write(staging, spec,
          spec.version().startsWith("random-weights") ? "RANDOM WEIGHTS: for tests of the export and the pipeline only." : "");
      writeProvenance(staging, spec, verified, seed, onnx, export, parity);
      Files.writeString(staging.resolve("LICENSE"),
          (verified.isPresent() ? PannsCnn14.CHECKPOINT_LICENCE : PannsCnn14.RANDOM_LICENCE) + System.lineSeparator());
      Path folder = modelsDir.resolve(PannsCnn14.NAME);
      Folders.deleteRecursively(folder);
      Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
      return new Installed(folder, spec.withSource(folder.resolve(ONNX_FILE).toString()), export, parity.vsPytorch(),
          parity.vsOnnxRuntimePython());
    } finally {
      Folders.deleteRecursively(staging);
    }
  }

  /** Size and md5 as Zenodo publishes them; the sha256 is computed for the provenance record. */
  static Checkpoint verifyCheckpoint(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("--from " + file + " does not exist; download " + PannsCnn14.CHECKPOINT_FILE + " from "
          + PannsCnn14.CHECKPOINT_SOURCE + ", or use --random-weights for a test install");
    }
    try {
      long bytes = Files.size(file);
      String md5 = Digests.of(file, "MD5");
      if (bytes != PannsCnn14.CHECKPOINT_BYTES || !md5.equals(PannsCnn14.CHECKPOINT_MD5)) {
        throw new ConfigException("--from " + file + " is not the published " + PannsCnn14.CHECKPOINT_FILE + ": "
            + bytes + " bytes, md5 " + md5 + " (published: " + PannsCnn14.CHECKPOINT_BYTES + " bytes, md5 "
            + PannsCnn14.CHECKPOINT_MD5 + ", " + PannsCnn14.CHECKPOINT_SOURCE + ")");
      }
      return new Checkpoint(file, bytes, md5, Digests.sha256(file));
    } catch (IOException e) {
      throw new ConfigException("--from " + file + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  private record Parity(EmbeddingAgreement vsPytorch, EmbeddingAgreement vsOnnxRuntimePython, EmbeddingAgreement pythonSides) {}

  /** PyTorch, ONNX Runtime in Python and ONNX Runtime here, on the same verification windows. */
  private Parity verifyInJava(PannsPython python, ModelSpec spec, Optional<Checkpoint> checkpoint, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    List<float[]> windows = verificationWindows(spec.clip().samplesPerWindow(spec.sampleRate()));
    Path pcm = dir.resolve("verification.f32");
    Float32Files.write(pcm, windows);
    List<String> args = new ArrayList<>(List.of("embed", "--onnx", spec.source(), "--samples",
        Integer.toString(windows.get(0).length), "--out-dir", dir.toString()));
    checkpoint.ifPresent(c -> args.addAll(List.of("--checkpoint", c.file().toAbsolutePath().toString())));
    args.add(pcm.toString());
    python.reference(args);
    float[][] torch = Float32Files.read(dir.resolve("verification.torch.f32"), spec.dimension());
    float[][] ortPython = Float32Files.read(dir.resolve("verification.ort.f32"), spec.dimension());
    float[][] java = rawEmbeddings(spec, windows);
    Parity parity = new Parity(EmbeddingAgreement.of(torch, java), EmbeddingAgreement.of(ortPython, java),
        EmbeddingAgreement.of(torch, ortPython));
    log.printf("parity on the verification signal: Java vs PyTorch %s; Java vs ORT-Python %s%n", parity.vsPytorch(),
        parity.vsOnnxRuntimePython());
    log.flush();
    if (!parity.vsPytorch().withinBounds() || !parity.vsOnnxRuntimePython().withinBounds()) {
      throw new IllegalStateException("the installed graph does not reproduce PyTorch in ONNX Runtime here (bounds: cosine >= "
          + EmbeddingAgreement.MIN_COSINE + ", max |diff| <= " + EmbeddingAgreement.MAX_RELATIVE
          + " of the largest value): nothing was installed");
    }
    return parity;
  }

  /**
   * Each window's embedding as the model gives it (one window per track, no normalisation), from
   * the pipeline's own embed stage.
   */
  public static float[][] rawEmbeddings(ModelSpec spec, List<float[]> windows) {
    ModelSpec raw = new ModelSpec(spec.name(), spec.version(), spec.source(), spec.input(), spec.output(),
        spec.sampleRate(), spec.clip(), spec.dimension(), spec.distance(), false);
    float[][] out = new float[windows.size()][];
    try (BatchingEmbedder embedder = BatchingEmbedder.open(raw, new Settings.Embed(1, 0, false, 0), OptionalInt.empty())) {
      for (int i = 0; i < out.length; i++) out[i] = embedder.embed(new float[][] {windows.get(i)}).vector();
    }
    return out;
  }

  /**
   * Two windows of music-like audio (harmonic bass, a decaying melody, noise bursts on the beat),
   * from a fixed integer generator so every install and every machine feeds the same samples.
   */
  static List<float[]> verificationWindows(int samples) {
    List<float[]> windows = new ArrayList<>();
    long noise = 20_201_130L;
    for (int w = 0; w < 2; w++) {
      float[] x = new float[samples];
      double root = 110 * (w + 1);
      for (int n = 0; n < samples; n++) {
        double t = (double) n / PannsCnn14.SAMPLE_RATE;
        double bass = 0;
        for (int k = 1; k <= 6; k++) bass += Math.sin(2 * Math.PI * root * k * t) / k;
        int note = (int) (t / 0.25);
        double melody = Math.sin(2 * Math.PI * 440 * Math.pow(2, (note % 7) / 12.0) * t) * Math.exp(-4 * (t - note * 0.25));
        noise = noise * 6364136223846793005L + 1442695040888963407L;
        double white = ((noise >>> 40) / (double) (1L << 24)) * 2 - 1;
        x[n] = (float) (0.15 * bass + 0.1 * melody + 0.2 * white * Math.exp(-30 * (t % 0.5)));
      }
      windows.add(x);
    }
    return windows;
  }

  private static void writeProvenance(Path folder, ModelSpec spec, Optional<Checkpoint> checkpoint, long seed, Path onnx,
      JsonNode export, Parity parity) throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", spec.name());
    p.put("version", spec.version());
    p.put("description", PannsCnn14.DESCRIPTION);
    if (checkpoint.isPresent()) {
      Checkpoint c = checkpoint.get();
      p.put("weights", Map.of("from", c.file().toAbsolutePath().toString(), "bytes", c.bytes(), "md5", c.md5(),
          "sha256", c.sha256(), "published_as", PannsCnn14.CHECKPOINT_SOURCE + ", " + PannsCnn14.CHECKPOINT_BYTES
              + " bytes, md5 " + PannsCnn14.CHECKPOINT_MD5 + " (no sha256 is published; this one is recorded)"));
    } else {
      p.put("weights", Map.of("random", true, "seed", seed,
          "warning", "seeded random initialisation: the embeddings mean nothing; for tests only"));
    }
    p.put("onnx", Map.of(
        "file", onnx.getFileName().toString(),
        "sha256", Digests.sha256(onnx),
        "bytes", Files.size(onnx),
        "opset", export.path("onnx").path("opset").asInt(),
        "metadata", export.path("onnx").path("metadata"),
        "written_by", PannsPython.NOTEBOOK + " (torch.onnx.export, TorchScript exporter)"));
    p.put("weights_sha256", export.path("weights_sha256").asText());
    p.put("verification", Map.of(
        "pytorch_vs_onnxruntime_python", export.path("parity_pytorch_vs_onnxruntime"),
        "java_vs_pytorch", parity.vsPytorch(),
        "java_vs_onnxruntime_python", parity.vsOnnxRuntimePython(),
        "signal", "io.musicrec.jobs.model.PannsInstaller.verificationWindows (2 x 10 s)",
        "bounds", Map.of("min_cosine", EmbeddingAgreement.MIN_COSINE, "max_relative", EmbeddingAgreement.MAX_RELATIVE)));
    p.put("versions", export.path("versions"));
    p.put("licence", checkpoint.isPresent() ? PannsCnn14.CHECKPOINT_LICENCE : PannsCnn14.RANDOM_LICENCE);
    p.put("installed_at", Instant.now().toString());
    JSON.writeValue(folder.resolve(InstalledModels.PROVENANCE_FILE).toFile(), p);
  }
}
