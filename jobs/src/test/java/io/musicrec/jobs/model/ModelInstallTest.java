package io.musicrec.jobs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.cli.Main;
import io.musicrec.config.ConfigException;
import io.musicrec.model.InstalledModels;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.model.PretrainedModel;
import io.musicrec.model.weights.WeightFileException;
import io.musicrec.testing.SharedAssets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model install} on the real published weights (the Keras port in the shared folder; the
 * pip package where CI provides it): the converted graph must reproduce the reference's recorded
 * output, and broken or missing installs must name the command that fixes them.
 */
class ModelInstallTest {
  @TempDir Path models;
  private String previous;

  @BeforeEach
  void pointAtTempModels() {
    previous = System.getProperty(InstalledModels.DIR_PROPERTY);
    System.setProperty(InstalledModels.DIR_PROPERTY, models.toString());
  }

  @AfterEach
  void restore() {
    if (previous == null) System.clearProperty(InstalledModels.DIR_PROPERTY);
    else System.setProperty(InstalledModels.DIR_PROPERTY, previous);
  }

  private ModelInstaller.Installed install(PretrainedModel model, Path from) throws Exception {
    return new ModelInstaller(models, new PrintWriter(new StringWriter())).install(model, Optional.of(from));
  }

  @Test
  void installsFromTheKerasPortAndResolvesByName() throws Exception {
    ModelInstaller.Installed installed = install(PretrainedModel.MUSICNN_MSD, SharedAssets.musicnnKeras("MSD_musicnn.h5"));
    assertTrue(installed.maxTagDifference() <= ModelInstaller.TAG_TOLERANCE, "max diff " + installed.maxTagDifference());

    ModelSpec spec = ModelSpecs.resolve("musicnn-msd");
    assertEquals(200, spec.dimension());
    assertEquals(16_000, spec.sampleRate());
    assertEquals(PretrainedModel.MUSICNN_MSD.tags(), spec.tags());
    assertEquals(models.resolve("musicnn-msd/musicnn-msd.onnx").toString(), spec.source());

    JsonNode provenance = new ObjectMapper().readTree(models.resolve("musicnn-msd/provenance.json").toFile());
    assertTrue(provenance.path("licence").asText().contains("ISC"));
    assertEquals(64, provenance.path("onnx").path("sha256").asText().length());
    assertTrue(provenance.path("weights").path("from").asText().endsWith("MSD_musicnn.h5"));
    assertTrue(Files.readString(models.resolve("musicnn-msd/LICENSE")).contains("ISC"));
  }

  @Test
  void thePublishedPackageGivesBitIdenticalModelsToTheKerasPort() throws Exception {
    Path wheel = SharedAssets.musicnnWheel().orElseThrow();
    install(PretrainedModel.MUSICNN_MTT, wheel);
    byte[] fromPackage = Files.readAllBytes(models.resolve("musicnn-mtt/musicnn-mtt.onnx"));
    install(PretrainedModel.MUSICNN_MTT, SharedAssets.musicnnKeras("MTT_musicnn.h5"));
    byte[] fromPort = Files.readAllBytes(models.resolve("musicnn-mtt/musicnn-mtt.onnx"));
    assertTrue(java.util.Arrays.equals(fromPackage, fromPort), "same weights, same converter: same graph bytes");
  }

  @Test
  void weightsOfAnotherNetworkFailVerificationAndKeepThePreviousInstall() throws Exception {
    install(PretrainedModel.MUSICNN_MSD, SharedAssets.musicnnKeras("MSD_musicnn.h5"));
    byte[] good = Files.readAllBytes(models.resolve("musicnn-msd/musicnn-msd.onnx"));
    WeightFileException wrong = assertThrows(WeightFileException.class,
        () -> install(PretrainedModel.MUSICNN_MSD, SharedAssets.musicnnKeras("MTT_musicnn.h5")));
    assertTrue(wrong.getMessage().contains("does not reproduce the reference"), wrong.getMessage());
    assertTrue(java.util.Arrays.equals(good, Files.readAllBytes(models.resolve("musicnn-msd/musicnn-msd.onnx"))));
    ModelSpecs.resolve("musicnn-msd"); // still installed and intact
  }

  @Test
  void aMissingOrCorruptModelNamesTheInstallCommand() throws Exception {
    ConfigException missing = assertThrows(ConfigException.class, () -> ModelSpecs.resolve("musicnn-mtt"));
    assertTrue(missing.getMessage().contains("bin/musicrec model install musicnn-mtt"), missing.getMessage());

    install(PretrainedModel.MUSICNN_MSD, SharedAssets.musicnnKeras("MSD_musicnn.h5"));
    Path onnx = models.resolve("musicnn-msd/musicnn-msd.onnx");
    try (FileChannel channel = FileChannel.open(onnx, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(onnx) / 2);
    }
    ConfigException corrupt = assertThrows(ConfigException.class, () -> ModelSpecs.resolve("musicnn-msd"));
    assertTrue(corrupt.getMessage().contains("corrupt") && corrupt.getMessage().contains("model install musicnn-msd"),
        corrupt.getMessage());
  }

  @Test
  void theCommandLineInstallsAndRefusesBadInput() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int missingFile;
    int unknownModel;
    try {
      System.setErr(new PrintStream(err, true));
      missingFile = Main.run("model", "install", "musicnn-msd", "--from", models.resolve("nothing.h5").toString());
      unknownModel = Main.run("model", "install", "vggish");
    } finally {
      System.setErr(original);
    }
    assertEquals(Main.USAGE, missingFile);
    assertEquals(Main.USAGE, unknownModel);
    String messages = err.toString();
    assertTrue(messages.contains("nothing.h5 does not exist"), messages);
    assertTrue(messages.contains("unknown model 'vggish'"), messages);
    assertTrue(!messages.contains("\tat "), "no stack traces: " + messages);

    assertEquals(Main.OK, Main.run("model", "install", "musicnn-msd", "--from", SharedAssets.musicnnKeras("MSD_musicnn.h5").toString()));
    assertTrue(Files.isRegularFile(models.resolve("musicnn-msd/model.yaml")));
  }
}
