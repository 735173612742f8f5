package io.musicrec.corpus;

import java.nio.file.Path;

/**
 * What to generate.
 *
 * @param out corpus root: absent, empty, or a corpus generated before (which is replaced)
 * @param tracks number of regular (decodable, labelled) tracks; with defects, seven defect cases come on top
 * @param seconds length of each regular track; Spotify previews are 30 s
 * @param seed fixes every byte of the corpus
 * @param defects also write the defect files listed in the manifest
 */
public record CorpusSpec(Path out, int tracks, double seconds, long seed, boolean defects) {
  public CorpusSpec {
    if (out == null) {
      throw new IllegalArgumentException("corpus output directory is required");
    }
    if (tracks < 1) {
      throw new IllegalArgumentException("tracks must be at least 1, got " + tracks);
    }
    if (!(seconds >= 1 && seconds <= 600)) {
      throw new IllegalArgumentException("seconds must be between 1 and 600, got " + seconds);
    }
  }
}
