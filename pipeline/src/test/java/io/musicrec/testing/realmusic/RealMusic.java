package io.musicrec.testing.realmusic;

import static org.junit.jupiter.api.Assertions.fail;

import io.musicrec.enrich.LabelsReader;
import io.musicrec.enrich.TrackLabels;
import io.musicrec.source.TrackSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real-music fixture that {@code .ci/real-music.sh OUT_DIR} builds from Debian soundtrack
 * packages: {@code mp3/<style>/<track id>.ogg} plus labels.json with the files' real tags. Its
 * location comes from {@code MUSICREC_REAL_MUSIC}. Without it a test is skipped with the command
 * that builds it, unless {@code MUSICREC_REQUIRE_REAL_MUSIC=1} (set by CI), where it fails.
 */
public record RealMusic(Path root, Map<String, TrackLabels> labels, List<Path> audioFiles) {
  public static final String LOCATION = "MUSICREC_REAL_MUSIC";
  public static final String REQUIRED = "MUSICREC_REQUIRE_REAL_MUSIC";
  /** Nine fixture tracks, three per style, for the codec measurements (CodecRobustnessTest). */
  public static final List<String> CODEC_SONGS = List.of(
      "wesnoth-breaking-the-chains", "wesnoth-heroes-rite", "wesnoth-knalgan-theme",
      "nexuiz-stairs", "nexuiz-infight", "nexuiz-ninesix",
      "singularity-deprecation", "singularity-nebula", "singularity-coherence");

  /** The fixture, or a skipped (locally) / failed (CI) test when it is missing. */
  public static RealMusic require() {
    String location = System.getenv(LOCATION);
    String reason;
    if (location == null || location.isBlank()) {
      reason = LOCATION + " is not set; build the fixture with `.ci/real-music.sh DIR` and export " + LOCATION + "=DIR";
    } else if (!Files.isRegularFile(Path.of(location, "labels.json"))) {
      reason = LOCATION + "=" + location + " holds no labels.json; build it with `.ci/real-music.sh " + location + "`";
    } else {
      return load(Path.of(location));
    }
    if ("1".equals(System.getenv(REQUIRED))) fail(reason + " (" + REQUIRED + "=1)");
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** The fixture at {@code root} (for runners; tests use {@link #require()}). */
  public static RealMusic load(Path root) {
    Map<String, TrackLabels> labels = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(root.resolve("labels.json"));
        Stream<Path> files = Files.walk(root.resolve("mp3"))) {
      LabelsReader.parse(in, "labels.json", t -> labels.put(t.id(), t));
      List<Path> audio = files.filter(Files::isRegularFile).filter(RealMusic::looksLikeAudio).sorted().toList();
      return new RealMusic(root, Map.copyOf(labels), audio);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The track id of a fixture file (its stem, as the pipeline's listing derives it). */
  public static String trackId(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private static boolean looksLikeAudio(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && TrackSource.AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
