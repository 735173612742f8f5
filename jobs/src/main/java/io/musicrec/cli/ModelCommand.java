package io.musicrec.cli;

import io.musicrec.config.ConfigException;
import io.musicrec.jobs.model.ModelInstaller;
import io.musicrec.jobs.model.PannsInstaller;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.PannsCnn14;
import io.musicrec.model.PretrainedModel;
import io.musicrec.model.weights.WeightFileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Installs and lists pretrained models (used with --model NAME everywhere a model is named).",
    subcommands = {ModelCommand.Install.class, ModelCommand.ListModels.class})
final class ModelCommand {

  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description = {
        "Gets a pretrained model's published weights (pip download of its public package, or --from FILE),",
        "converts them to ONNX, checks the result against the reference implementation's output and",
        "installs it with its provenance and licence under the models folder (-Dmusicrec.models,",
        "MUSICREC_MODELS, or models/ in the project)."
      })
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "One of: musicnn-msd, musicnn-mtt, panns-cnn14.")
    String name;

    @Option(names = "--from", paramLabel = "FILE",
        description = "The package file (musicnn-0.1.0-py3-none-any.whl), a Keras .h5 port, or a checkpoint folder;"
            + " for panns-cnn14 the checkpoint Cnn14_mAP=0.431.pth.")
    Path from;

    @Option(names = "--random-weights",
        description = "panns-cnn14 only: no checkpoint, seeded random weights (version random-weights-seed-N; for tests).")
    boolean randomWeights;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "The random weights' seed (default 0).")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (PannsCnn14.NAME.equals(name)) return installPanns();
      if (randomWeights) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--random-weights is for panns-cnn14 only");
      PretrainedModel model = PretrainedModel.named(name).orElseThrow(() -> new picocli.CommandLine.ParameterException(
          spec.commandLine(), "unknown model '" + name + "'; known: " + PretrainedModel.names()));
      PrintWriter out = spec.commandLine().getOut();
      try {
        ModelInstaller.Installed installed = new ModelInstaller(InstalledModels.dir(), out).install(model, Optional.ofNullable(from));
        out.printf("installed %s in %s (%d-d embedding, %d tags); use it with --model %s%n", name, installed.folder(),
            installed.spec().dimension(), installed.spec().tags().size(), name);
        out.flush();
        return Main.OK;
      } catch (WeightFileException e) {
        throw new ConfigException("model install " + name + ": " + e.getMessage());
      }
    }

    /** PANNs CNN14 goes through PyTorch (the export notebook), not the project's own graph writer. */
    private Integer installPanns() throws java.io.IOException {
      if ((from == null) == !randomWeights) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "panns-cnn14 needs exactly one of --from " + PannsCnn14.CHECKPOINT_FILE + " or --random-weights");
      }
      PrintWriter out = spec.commandLine().getOut();
      PannsInstaller.Installed installed = new PannsInstaller(InstalledModels.dir(), out).install(Optional.ofNullable(from), seed);
      out.printf("installed %s %s in %s (%d-d embedding); use it with --model %s%n", name, installed.spec().version(),
          installed.folder(), installed.spec().dimension(), name);
      if (randomWeights) out.println("WARNING: random weights: the embeddings mean nothing; install the checkpoint to index music.");
      out.flush();
      return Main.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the models that can be installed, and which are.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("built in: builtin:logmel (default), builtin:cnn14-shape (benchmarks only)");
      for (PretrainedModel model : PretrainedModel.ALL) {
        boolean installed = Files.isRegularFile(InstalledModels.folder(model.name()).resolve(InstalledModels.SPEC_FILE));
        out.printf("%-12s %-13s %s%n", model.name(), installed ? "installed" : "not installed", model.description());
      }
      boolean panns = Files.isRegularFile(InstalledModels.folder(PannsCnn14.NAME).resolve(InstalledModels.SPEC_FILE));
      out.printf("%-12s %-13s %s%n", PannsCnn14.NAME, panns ? "installed" : "not installed", PannsCnn14.DESCRIPTION);
      out.flush();
      return Main.OK;
    }
  }
}
