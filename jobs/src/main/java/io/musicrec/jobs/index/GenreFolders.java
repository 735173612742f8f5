package io.musicrec.jobs.index;

/**
 * Ludwig names genre folders after the genre, with '/' (not allowed in a folder name) written as
 * '_': "funk / soul" lives in "funk _ soul". Used only for tracks that have no labels entry.
 */
final class GenreFolders {
  private GenreFolders() {}

  static String toGenre(String folder) {
    return folder == null ? null : folder.replace(" _ ", " / ");
  }
}
