package io.musicrec.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.embed.EmbedBenchmark;
import io.musicrec.jobs.model.PannsPython;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.PannsCnn14;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The same network in PyTorch eager, for an exported PANNs CNN14: what a user of the original code
 * would get on this machine. Measured by {@code verify/panns/panns_reference.py bench} with the
 * embed benchmark's clip length, batch size, thread count, clip count and rounds, so
 * {@code embed.ratio_vs_pytorch} compares like with like. Built-in graphs have no PyTorch
 * counterpart and get no baseline; a missing environment or checkpoint is a note, not a failure.
 */
final class PytorchBaseline {
  /** Overrides the checkpoint recorded in the installed model's provenance. */
  static final String CHECKPOINT_ENV = "MUSICREC_PANNS_CHECKPOINT";

  private PytorchBaseline() {}

  static EmbedBenchmark.Result measure(ModelSpec spec, EmbedBenchmark.Result r, PrintWriter console) {
    if (spec.isBuiltin() || !spec.name().equals(PannsCnn14.NAME)) return r;
    Optional<Path> python = PannsPython.configuredPython();
    if (python.isEmpty()) {
      return r.withPytorch(absent(r, "not measured: set " + PannsPython.PYTHON_ENV + " (verify/panns/install.sh)"));
    }
    List<String> args = new ArrayList<>(List.of("bench", "--onnx", spec.source(),
        "--batch", Integer.toString(r.batchSize()), "--threads", Integer.toString(r.intraOpThreads()),
        "--seconds", Double.toString(r.clipSeconds()), "--clips", Integer.toString(r.clips()),
        "--rounds", Integer.toString(r.rounds())));
    if (!spec.version().startsWith("random-weights")) {
      Optional<Path> checkpoint = checkpoint();
      if (checkpoint.isEmpty()) {
        return r.withPytorch(absent(r, "not measured: the checkpoint is needed; set " + CHECKPOINT_ENV));
      }
      args.addAll(List.of("--checkpoint", checkpoint.get().toString()));
    }
    console.printf(Locale.ROOT, "embed: PyTorch eager on the same %d clips (batch %d, %d threads)...%n",
        r.clips(), r.batchSize(), r.intraOpThreads());
    console.flush();
    JsonNode out = new PannsPython(python.get(), PannsPython.projectHome(), console).reference(args);
    EmbedBenchmark.Reference reference = new EmbedBenchmark.Reference("pytorch-eager", "torch " + out.path("torch").asText(),
        out.path("threads").asInt(), out.path("batch_size").asInt(), out.path("clip_seconds").asDouble(),
        out.path("clips").asInt(), out.path("clips_per_s").asDouble(), out.path("cpu_seconds_per_clip").asDouble(), "");
    EmbedBenchmark.Result withTorch = r.withPytorch(reference);
    console.printf(Locale.ROOT, "  PyTorch eager %.2f clips/s, ratio_vs_pytorch %.3f%n", reference.clipsPerS(),
        withTorch.ratioVsPytorch());
    console.flush();
    return withTorch;
  }

  private static EmbedBenchmark.Reference absent(EmbedBenchmark.Result r, String note) {
    return new EmbedBenchmark.Reference("pytorch-eager", null, r.intraOpThreads(), r.batchSize(), r.clipSeconds(), 0, 0, 0, note);
  }

  private static Optional<Path> checkpoint() {
    String env = System.getenv(CHECKPOINT_ENV);
    if (env != null && !env.isBlank()) return Optional.of(Path.of(env));
    Path provenance = InstalledModels.folder(PannsCnn14.NAME).resolve(InstalledModels.PROVENANCE_FILE);
    try {
      String from = new ObjectMapper().readTree(provenance.toFile()).path("weights").path("from").asText("");
      return from.isEmpty() || !Files.isRegularFile(Path.of(from)) ? Optional.empty() : Optional.of(Path.of(from));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
