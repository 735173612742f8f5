package io.musicrec.corpus;

import java.util.List;

/** Ludwig's ten genres: the label used in labels.json and the folder under {@code mp3/}. */
public enum Genre {
  BLUES("blues"),
  CLASSICAL("classical"),
  ELECTRONIC("electronic"),
  FUNK_SOUL("funk / soul"),
  HIP_HOP("hip hop"),
  JAZZ("jazz"),
  LATIN("latin"),
  POP("pop"),
  REGGAE("reggae"),
  ROCK("rock");

  private final String label;

  Genre(String label) {
    this.label = label;
  }

  /** The genre string as Ludwig's labels.json spells it, e.g. {@code funk / soul}. */
  public String label() {
    return label;
  }

  /** Ludwig's folder name: '/' cannot appear in a file name, so {@code funk / soul} lives in {@code funk _ soul}. */
  public String folder() {
    return label.replace('/', '_');
  }

  /** The subgenres the generator can produce for this genre, e.g. {@code latin---salsa}. */
  public List<String> subgenres() {
    return StyleBook.stylesOf(this).stream().map(GenreStyle::subgenre).toList();
  }

  public static Genre ofLabel(String label) {
    for (Genre g : values()) {
      if (g.label.equals(label)) {
        return g;
      }
    }
    throw new IllegalArgumentException("not a Ludwig genre: " + label);
  }
}
