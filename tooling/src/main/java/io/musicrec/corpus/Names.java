package io.musicrec.corpus;

import java.util.List;
import java.util.SplittableRandom;

/** Plausible, deterministic names: Spotify-style track ids, artists in a genre's manner, albums and titles. */
final class Names {
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final List<String> ADJECTIVES = List.of(
      "Midnight", "Golden", "Blue", "Electric", "Velvet", "Silver", "Broken", "Crimson", "Quiet", "Wild",
      "Lonely", "Neon", "Paper", "Distant", "Sacred", "Hollow", "Burning", "Gentle", "Restless", "Faded");
  private static final List<String> NOUNS = List.of(
      "River", "Heart", "Tower", "Fire", "Road", "Dream", "Moon", "Shadow", "Garden", "Highway",
      "Mirror", "Ocean", "Train", "Window", "Storm", "Signal", "Horizon", "Letter", "Desert", "Comet", "Engine", "Lantern");
  private static final List<String> FIRST = List.of(
      "Marcus", "Elena", "Sonny", "Ruby", "Otis", "Lucia", "Ray", "Nina", "Felix", "Ada",
      "Jules", "Mara", "Theo", "Ines", "Cole", "Iris", "Dex", "Lola", "Amos", "Vera");
  private static final List<String> LAST = List.of(
      "Hale", "Moreno", "Brooks", "Santos", "Whitfield", "Okafor", "Lindqvist", "Carter", "Delgado", "Fontaine",
      "Reyes", "Kowalski", "Baptiste", "Nakamura", "Harlow", "Quinn", "Marley", "Duval", "Grant", "Ortega");

  private Names() {}

  /** 22 base62 characters, the shape of a Spotify track id. */
  static String trackId(SplittableRandom random) {
    char[] id = new char[22];
    for (int i = 0; i < id.length; i++) {
      id[i] = BASE62.charAt(random.nextInt(BASE62.length()));
    }
    return new String(id);
  }

  static String artist(Genre genre, SplittableRandom random) {
    String first = pick(FIRST, random);
    String last = pick(LAST, random);
    String adjective = pick(ADJECTIVES, random);
    String noun = pick(NOUNS, random);
    boolean solo = random.nextBoolean();
    return switch (genre) {
      case BLUES -> solo ? "Blind " + first + " " + last : first + " " + last + " Blues Band";
      case CLASSICAL -> solo ? "The " + last + " String Quartet" : first + " " + last + " & the " + noun + " Chamber Orchestra";
      case ELECTRONIC -> solo ? "DJ " + noun : adjective + noun;
      case FUNK_SOUL -> solo ? first + " " + last + " & the " + adjective + " " + noun + "s" : "The " + adjective + " " + noun + "s";
      case HIP_HOP -> solo ? "Lil " + noun : "MC " + first;
      case JAZZ -> first + " " + last + (solo ? " Trio" : " Quartet");
      case LATIN -> solo ? "Orquesta " + last : first + " " + last + " y Su Conjunto";
      case POP -> solo ? first + " " + last : first;
      case REGGAE -> solo ? adjective + " " + noun + " Sound System" : first + " " + last + " & the " + noun + "s";
      case ROCK -> solo ? "The " + adjective + " " + noun + "s" : noun + " " + pick(NOUNS, random);
    };
  }

  static String album(SplittableRandom random) {
    return random.nextBoolean()
        ? pick(ADJECTIVES, random) + " " + pick(NOUNS, random) + "s"
        : pick(NOUNS, random) + " of the " + pick(ADJECTIVES, random) + " " + pick(NOUNS, random);
  }

  static String title(SplittableRandom random) {
    return switch (random.nextInt(3)) {
      case 0 -> pick(ADJECTIVES, random) + " " + pick(NOUNS, random);
      case 1 -> pick(NOUNS, random) + " in the " + pick(NOUNS, random);
      default -> "The " + pick(NOUNS, random) + " Song";
    };
  }

  private static String pick(List<String> words, SplittableRandom random) {
    return words.get(random.nextInt(words.size()));
  }
}
