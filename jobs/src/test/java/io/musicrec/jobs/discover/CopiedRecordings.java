package io.musicrec.jobs.discover;

import io.musicrec.discover.DuplicateGroup;
import io.musicrec.audio.FfmpegBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A near-duplicate measurement set made from real recordings: the first {@code perGenre} tracks
 * of each genre folder of the real-music fixture, cut to {@code seconds} (FLAC), and four copies
 * of each made with the bundled ffmpeg (MP3 128k, Vorbis q1 at 22.05 kHz, the first 0.5 s
 * trimmed, 1 s of silence in front). A copy's id is {@code <original id>__<variant>}.
 */
final class CopiedRecordings {
  static final List<String[]> VARIANTS = List.of(
      new String[] {"mp3-128k", "mp3", "-c:a libmp3lame -b:a 128k"},
      new String[] {"vorbis-q1-22k", "ogg", "-c:a libvorbis -q:a 1 -ar 22050"},
      new String[] {"trim-0.5s", "mp3", "-ss 0.5 -c:a libmp3lame -b:a 192k"},
      new String[] {"offset-1s", "flac", "-af adelay=1000:all=1 -c:a flac"});

  private CopiedRecordings() {}

  /** Writes the set under {@code root} ({@code mp3/<genre>/...} and an empty labels.json). */
  static Path make(Path fixture, Path root, int perGenre, int seconds) throws IOException, InterruptedException {
    String ffmpeg = FfmpegBinary.path().toString();
    for (Path genre : list(fixture.resolve("mp3"))) {
      if (!Files.isDirectory(genre)) continue;
      for (Path track : list(genre).stream().limit(perGenre).toList()) {
        String name = track.getFileName().toString();
        String id = name.substring(0, name.lastIndexOf('.'));
        Path dir = Files.createDirectories(root.resolve("mp3").resolve(genre.getFileName().toString()));
        Path original = dir.resolve(id + ".flac");
        run(ffmpeg, "-i", track.toString(), "-t", String.valueOf(seconds), "-c:a", "flac", original.toString());
        for (String[] v : VARIANTS) {
          List<String> args = new ArrayList<>(List.of(ffmpeg, "-i", original.toString()));
          args.addAll(List.of(v[2].split(" ")));
          args.add(dir.resolve(id + "__" + v[0] + "." + v[1]).toString());
          run(args.toArray(String[]::new));
        }
      }
    }
    Files.writeString(root.resolve("labels.json"), "{\"tracks\": {}}");
    return root;
  }

  /** The recording a track id stands for: the original's id, before "__variant". */
  static String recording(String id) {
    int cut = id.indexOf("__");
    return cut < 0 ? id : id.substring(0, cut);
  }

  /**
   * How detection did on copies: pairs of tracks put in one group, and how many of them really are
   * one recording; precision is their ratio, recall {@code correct} over the true pairs.
   */
  record PairCounts(int predicted, int correct) {
    static PairCounts of(List<DuplicateGroup> groups) {
      int predicted = 0;
      int correct = 0;
      for (DuplicateGroup g : groups) {
        for (int i = 0; i < g.ids().size(); i++) {
          for (int j = i + 1; j < g.ids().size(); j++) {
            predicted++;
            if (recording(g.ids().get(i)).equals(recording(g.ids().get(j)))) correct++;
          }
        }
      }
      return new PairCounts(predicted, correct);
    }

    double precision() {
      return predicted == 0 ? 1 : correct / (double) predicted;
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command[0], "-hide_banner", "-loglevel", "error", "-nostdin", "-y"));
    args.addAll(List.of(command).subList(1, command.length));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException(String.join(" ", args) + " failed: " + out);
  }
}
