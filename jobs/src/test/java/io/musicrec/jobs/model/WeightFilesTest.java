package io.musicrec.jobs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.model.PretrainedModel;
import io.musicrec.model.onnx.MusicnnGraph;
import io.musicrec.model.onnx.MusicnnWeights;
import io.musicrec.model.weights.KerasH5;
import io.musicrec.model.weights.TfCheckpoint;
import io.musicrec.model.weights.WeightFileException;
import io.musicrec.testing.SharedAssets;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two readers of published weights on the real files, and what they do with broken ones. */
class WeightFilesTest {
  @TempDir Path dir;

  @Test
  void theCheckpointInThePackageAndTheKerasPortHoldTheSameTensors() throws Exception {
    TfCheckpoint checkpoint = TfCheckpoint.open(extractCheckpoint("musicnn/MSD_musicnn/"));
    KerasH5 port = KerasH5.open(SharedAssets.musicnnKeras("MSD_musicnn.h5"), PretrainedModel.MUSICNN_MSD.kerasRenames());
    assertEquals(64, port.names().size(), "4 per batch norm x 11, 2 per conv x 8, 2 per dense x 2");
    for (String name : port.names()) {
      assertArrayEquals(checkpoint.get(name).shape(), port.get(name).shape(), name);
      assertArrayEquals(checkpoint.get(name).values(), port.get(name).values(), name);
    }
    MusicnnWeights weights = MusicnnWeights.read(port, 50);
    assertEquals(3 * MusicnnGraph.macsPerPatch(weights),
        MusicnnGraph.macsPerClip(3L * 187 * 256 - 256, 50) - frontEndMacs(561), "analytic cost matches the weights' shapes");
  }

  @Test
  void aCorruptOrTruncatedCheckpointIsNamedNotMisread() throws Exception {
    Path folder = extractCheckpoint("musicnn/MTT_musicnn/");
    Path data = folder.resolve(".data-00000-of-00001");
    // One flipped bit every 64 KB: the trained tensors sit between their optimiser slots.
    try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
      for (long at = 1000; at < file.length(); at += 1 << 16) {
        file.seek(at);
        int b = file.read();
        file.seek(at);
        file.write(b ^ 0x40);
      }
    }
    TfCheckpoint checkpoint = TfCheckpoint.open(folder);
    WeightFileException corrupt = assertThrows(WeightFileException.class,
        () -> MusicnnWeights.read(checkpoint, 50));
    assertTrue(corrupt.getMessage().contains("checksum") && corrupt.getMessage().contains("corrupt"), corrupt.getMessage());

    Path index = folder.resolve(".index");
    Files.write(index, java.util.Arrays.copyOf(Files.readAllBytes(index), 100));
    WeightFileException truncated = assertThrows(WeightFileException.class, () -> TfCheckpoint.open(folder));
    assertTrue(truncated.getMessage().contains(".index"), truncated.getMessage());
  }

  @Test
  void aTruncatedHdf5FileIsAWeightFileError() throws Exception {
    Path cut = dir.resolve("cut.h5");
    byte[] bytes = Files.readAllBytes(SharedAssets.musicnnKeras("MSD_musicnn.h5"));
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    assertThrows(WeightFileException.class,
        () -> MusicnnWeights.read(KerasH5.open(cut, PretrainedModel.MUSICNN_MSD.kerasRenames()), 50));
  }

  private static long frontEndMacs(long frames) {
    return frames * (4L * 256 * 9 + 257L * 96);
  }

  private Path extractCheckpoint(String prefix) throws Exception {
    Path wheel = SharedAssets.musicnnWheel().orElseThrow();
    Path into = Files.createDirectories(dir.resolve(prefix.replace('/', '_')));
    try (InputStream in = Files.newInputStream(wheel); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String rest = e.getName().startsWith(prefix) ? e.getName().substring(prefix.length()) : "";
        if (!rest.isEmpty() && !rest.contains("/")) Files.copy(zip, into.resolve(rest));
      }
    }
    return into;
  }
}
