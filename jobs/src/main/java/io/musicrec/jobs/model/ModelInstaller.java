package io.musicrec.jobs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.ConfigException;
import io.musicrec.config.Settings;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.embed.TrackEmbedding;
import io.musicrec.model.ClipPolicy;
import io.musicrec.model.Digests;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.PretrainedModel;
import io.musicrec.model.onnx.MusicnnGraph;
import io.musicrec.model.onnx.MusicnnWeights;
import io.musicrec.model.weights.KerasH5;
import io.musicrec.model.weights.TfCheckpoint;
import io.musicrec.model.weights.WeightFile;
import io.musicrec.model.weights.WeightFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Puts a pretrained model in place: gets the published weights (pip downloads the public package,
 * pinned by sha256, or the user gives a file: the package, a Keras HDF5 port or a checkpoint
 * folder), converts them to an ONNX graph with the project's own writer, proves the conversion by
 * running it on {@link VerificationSignal} and comparing with the reference implementation's
 * recorded output, and writes the spec, provenance and licence next to the graph. The model's
 * folder is replaced atomically, so a failed install leaves the previous one intact.
 */
public final class ModelInstaller {
  /** How far the converted model's tag probabilities may be from the reference's: see the README. */
  public static final double TAG_TOLERANCE = 1e-3;
  /** musicnn's clip policy: three evenly spread 9 s windows (three whole 3 s patches each), averaged. */
  static final ClipPolicy MUSICNN_CLIP = new ClipPolicy(ClipPolicy.Mode.WINDOWS, 8.96, 3, 3);

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path modelsDir;
  private final PrintWriter log;

  public ModelInstaller(Path modelsDir, PrintWriter log) {
    this.modelsDir = modelsDir;
    this.log = log;
  }

  /** What an install produced, for the command's summary and for tests. */
  public record Installed(Path folder, ModelSpec spec, String source, double maxTagDifference, List<String> verificationTopTags) {}

  public Installed install(PretrainedModel model, Optional<Path> from) throws IOException {
    Path source = from.orElseGet(() -> download(model));
    Path staging = Files.createDirectories(modelsDir).resolve("." + model.name() + ".installing");
    Folders.deleteRecursively(staging);
    Files.createDirectories(staging);
    try {
      log.printf("converting %s from %s%n", model.name(), source);
      log.flush();
      MusicnnWeights weights = MusicnnWeights.read(openWeights(model, source, staging), model.tags().size());
      Path onnx = staging.resolve(model.name() + ".onnx");
      try (OutputStream out = Files.newOutputStream(onnx)) {
        MusicnnGraph.write(weights, MusicnnGraph.EdgePadding.ZEROS, model.description(), out);
      }
      ModelSpec spec = spec(model, onnx);
      Verification check = verify(model, spec);
      InstalledSpecFile.write(staging, spec, "");
      writeProvenance(staging, model, source, onnx, weights, check);
      Files.writeString(staging.resolve("LICENSE"), model.licence() + System.lineSeparator());
      Folders.deleteRecursively(staging.resolve("weights"));
      Path folder = modelsDir.resolve(model.name());
      Folders.deleteRecursively(folder);
      Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
      return new Installed(folder, spec.withSource(folder.resolve(onnx.getFileName()).toString()), source.toString(),
          check.maxTagDifference(), check.topTags());
    } finally {
      Folders.deleteRecursively(staging);
    }
  }

  /** The public package, fetched by pip (which honours the user's index, proxy and certificates). */
  private Path download(PretrainedModel model) {
    Path cache = modelsDir.resolve(".downloads");
    Path wheel = cache.resolve(model.packageFile());
    try {
      if (!Files.isRegularFile(wheel) || !model.packageSha256().equals(Digests.sha256(wheel))) {
        Files.createDirectories(cache);
        String python = Optional.ofNullable(System.getenv("MUSICREC_PYTHON")).orElse("python3");
        List<String> command = List.of(python, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
            "--dest", cache.toString(), model.pipRequirement());
        log.printf("downloading %s with pip: %s%n", model.pipRequirement(), String.join(" ", command));
        log.flush();
        Process pip = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (pip.waitFor() != 0 || !Files.isRegularFile(wheel)) {
          throw new ConfigException("cannot download " + model.pipRequirement() + " with pip (exit " + pip.exitValue()
              + "): " + lastLine(output) + "; download " + model.packageFile() + " yourself and pass --from FILE");
        }
      }
    } catch (IOException e) {
      throw new ConfigException("cannot run pip to download " + model.pipRequirement() + " (" + e.getMessage()
          + "); install Python 3 with pip, set MUSICREC_PYTHON, or pass --from FILE");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while downloading " + model.pipRequirement());
    }
    return wheel;
  }

  private static WeightFile openWeights(PretrainedModel model, Path source, Path staging) throws IOException {
    if (Files.isDirectory(source)) return TfCheckpoint.open(source);
    if (!Files.isRegularFile(source)) throw new ConfigException("--from " + source + " does not exist");
    String name = source.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".h5") || name.endsWith(".hdf5")) return KerasH5.open(source, model.kerasRenames());
    if (name.endsWith(".whl") || name.endsWith(".zip")) {
      if (name.equals(model.packageFile()) && !model.packageSha256().equals(Digests.sha256(source))) {
        throw new ConfigException("--from " + source + " is not the published " + model.packageFile()
            + " (sha256 differs from " + model.packageSha256() + ")");
      }
      return TfCheckpoint.open(unzipCheckpoint(source, model.checkpointDir(), staging.resolve("weights")));
    }
    throw new ConfigException("--from " + source + ": expected the package (" + model.packageFile()
        + "), a Keras .h5 file or a TensorFlow checkpoint folder");
  }

  /** Extracts the checkpoint folder's files from the package (a wheel is a zip). */
  private static Path unzipCheckpoint(Path wheel, String prefix, Path into) throws IOException {
    Files.createDirectories(into);
    int files = 0;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(wheel))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String entryName = entry.getName();
        if (entry.isDirectory() || !entryName.startsWith(prefix) || entryName.substring(prefix.length()).contains("/")) continue;
        Files.copy(zip, into.resolve(entryName.substring(prefix.length())), StandardCopyOption.REPLACE_EXISTING);
        files++;
      }
    }
    if (files == 0) throw new WeightFileException(wheel + " has no folder " + prefix + ": not the expected package");
    return into;
  }

  private static ModelSpec spec(PretrainedModel model, Path onnx) {
    return new ModelSpec(model.name(), "musicnn-0.1.0", onnx.toString(), MusicnnGraph.INPUT, MusicnnGraph.EMBEDDING,
        MusicnnGraph.SAMPLE_RATE, MUSICNN_CLIP, MusicnnWeights.PENULTIMATE_UNITS, "cosine", true,
        MusicnnGraph.TAGS, model.tags());
  }

  private record Verification(double maxTagDifference, List<String> topTags, List<String> referenceTopTags) {}

  /** Runs the converted model in ONNX Runtime, as the pipeline will, on the verification signal. */
  private Verification verify(PretrainedModel model, ModelSpec spec) throws IOException {
    JsonNode golden;
    try (InputStream in = ModelInstaller.class.getResourceAsStream("/models/pretrained-golden.json")) {
      golden = JSON.readTree(in).path("models").path(model.name());
    }
    TrackEmbedding result;
    try (BatchingEmbedder embedder = BatchingEmbedder.open(spec, new Settings.Embed(1, 0, false, 0), OptionalInt.empty())) {
      result = embedder.embed(new float[][] {VerificationSignal.samples()});
    }
    float[] reference = new float[model.tags().size()];
    for (int i = 0; i < reference.length; i++) reference[i] = (float) golden.path("tags").path(i).asDouble(Double.NaN);
    double worst = 0;
    for (int i = 0; i < reference.length; i++) {
      double d = Math.abs(result.tagProbabilities()[i] - reference[i]);
      worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
    }
    List<String> top = result.topTags(model.tags(), 5);
    List<String> referenceTop = new TrackEmbedding(new float[0], reference).topTags(model.tags(), 5);
    if (!(worst <= TAG_TOLERANCE) || !top.equals(referenceTop)) {
      throw new WeightFileException("the converted " + model.name() + " does not reproduce the reference on the"
          + " verification signal (max tag difference " + worst + ", top tags " + top + " vs " + referenceTop
          + "): the weights are not the published ones");
    }
    log.printf("verified: tags within %.1e of the reference (max %.1e), top tags %s%n", TAG_TOLERANCE, worst, top);
    return new Verification(worst, top, referenceTop);
  }

  private static void writeProvenance(Path folder, PretrainedModel model, Path source, Path onnx, MusicnnWeights weights,
      Verification check) throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("model", model.name());
    p.put("description", model.description());
    p.put("weights", Map.of(
        "from", source.toAbsolutePath().toString(),
        "sha256", Files.isRegularFile(source) ? Digests.sha256(source) : "(checkpoint folder)",
        "published_as", model.pipRequirement() + " (" + model.packageFile() + ", sha256 " + model.packageSha256() + ")",
        "parameters", weights.parameters()));
    p.put("onnx", Map.of(
        "file", onnx.getFileName().toString(),
        "sha256", Digests.sha256(onnx),
        "bytes", Files.size(onnx),
        "opset", 17,
        "written_by", "io.musicrec.model.onnx.MusicnnGraph (front end included; STFT edges zero-padded as librosa 0.10)",
        "macs_per_3s_patch", MusicnnGraph.macsPerPatch(weights)));
    p.put("verification", Map.of(
        "signal", "io.musicrec.jobs.model.VerificationSignal",
        "reference", "musicnn 0.1.0 on TensorFlow 2.15 (verify/make_golden.py)",
        "max_tag_difference", check.maxTagDifference(),
        "tolerance", TAG_TOLERANCE,
        "top_tags", check.topTags()));
    p.put("licence", model.licence());
    p.put("installed_at", Instant.now().toString());
    JSON.writeValue(folder.resolve(InstalledModels.PROVENANCE_FILE).toFile(), p);
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1];
  }
}
