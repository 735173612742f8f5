package io.musicrec.jobs.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicrec.config.ConfigException;
import io.musicrec.model.PannsCnn14;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the PANNs install refuses before any Python runs: a checkpoint that is not the published one. */
class PannsInstallerTest {
  @TempDir Path tmp;

  @Test
  void aFileThatIsNotThePublishedCheckpointIsRefusedWithItsDigest() throws Exception {
    Path fake = Files.write(tmp.resolve(PannsCnn14.CHECKPOINT_FILE), new byte[4096]);
    PannsInstaller installer = new PannsInstaller(tmp.resolve("models"), new PrintWriter(new StringWriter()));
    ConfigException e = assertThrows(ConfigException.class, () -> installer.install(Optional.of(fake), 0));
    assertTrue(e.getMessage().contains("is not the published " + PannsCnn14.CHECKPOINT_FILE)
        && e.getMessage().contains("4096 bytes, md5 620f0b67a91f7f74151bc5be745b7110")
        && e.getMessage().contains(PannsCnn14.CHECKPOINT_MD5), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("models").resolve(PannsCnn14.NAME)), "nothing installed");
  }

  @Test
  void aMissingCheckpointSaysWhereToGetIt() {
    PannsInstaller installer = new PannsInstaller(tmp.resolve("models"), new PrintWriter(new StringWriter()));
    ConfigException e = assertThrows(ConfigException.class,
        () -> installer.install(Optional.of(tmp.resolve("nowhere.pth")), 0));
    assertTrue(e.getMessage().contains("zenodo.org/record/3987831") && e.getMessage().contains("--random-weights"),
        e.getMessage());
  }
}
