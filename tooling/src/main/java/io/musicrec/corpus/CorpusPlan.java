package io.musicrec.corpus;

import io.musicrec.enrich.TrackLabels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Who plays what: artists per genre, every track's metadata and how its file is made. Tracks go
 * round-robin over the genres and, inside a genre, over its artists, so even a small corpus covers
 * most genres and every artist has at least two tracks.
 */
final class CorpusPlan {
  /** How a planned track's file is produced. */
  enum Audio { MUSIC, TRUNCATED, EMPTY, NOT_AUDIO, SILENT, NONE }

  record Artist(String name, Genre genre, ArtistStyle sound, List<String> albums, int popularity, Map<String, Double> moods) {}

  /**
   * @param labels what labels.json says about the track, or null when it is missing there
   * @param render seed of the track's own random stream (composition and synthesis)
   */
  record Planned(String id, Genre genre, Artist artist, TrackLabels labels, Audio audio, double seconds, int bitrateKbps, long render) {
    String path() {
      return "mp3/" + genre.folder() + "/" + id + ".mp3";
    }
  }

  /** The defect cases, in manifest order; each is null when the corpus has no defects. */
  record DefectPlan(Planned truncated, Planned empty, Planned notAudio, Planned silent, Planned tooShort,
      Planned missingLabels, Planned labelsWithoutAudio) {
    List<Planned> all() {
      return List.of(truncated, empty, notAudio, silent, tooShort, missingLabels, labelsWithoutAudio);
    }
  }

  private static final int[] BITRATES = {128, 160, 192};
  private static final Set<Instrument> ACOUSTIC = Set.of(
      Instrument.PIANO, Instrument.STRINGS, Instrument.FLUTE, Instrument.BRASS, Instrument.SAX, Instrument.VIBRAPHONE,
      Instrument.MARIMBA, Instrument.HARPSICHORD, Instrument.NYLON_GUITAR, Instrument.CLEAN_GUITAR, Instrument.UPRIGHT_BASS);

  final List<Planned> regular;
  final DefectPlan defects;

  private final long seed;
  private final Set<String> ids = new HashSet<>();
  private final Set<String> artistNames = new HashSet<>();

  private CorpusPlan(CorpusSpec spec) {
    this.seed = spec.seed();
    List<List<Artist>> artists = new ArrayList<>();
    for (Genre genre : Genre.values()) {
      artists.add(artistsOf(genre, tracksIn(genre, spec.tracks())));
    }
    regular = new ArrayList<>();
    for (int i = 0; i < spec.tracks(); i++) {
      Genre genre = Genre.values()[i % Genre.values().length];
      List<Artist> ofGenre = artists.get(genre.ordinal());
      Artist artist = ofGenre.get((i / Genre.values().length) % ofGenre.size());
      regular.add(track(i, artist, Audio.MUSIC, spec.seconds(), true));
    }
    if (spec.defects()) {
      List<Artist> all = artists.stream().flatMap(List::stream).toList();
      int n = spec.tracks();
      defects = new DefectPlan(
          track(n, spread(all, 0), Audio.TRUNCATED, Math.max(6, spec.seconds()), true),
          track(n + 1, spread(all, 1), Audio.EMPTY, spec.seconds(), true),
          track(n + 2, spread(all, 2), Audio.NOT_AUDIO, spec.seconds(), true),
          track(n + 3, spread(all, 3), Audio.SILENT, spec.seconds(), true),
          track(n + 4, spread(all, 4), Audio.MUSIC, 0.5, true),
          track(n + 5, spread(all, 5), Audio.MUSIC, spec.seconds(), false),
          track(n + 6, spread(all, 6), Audio.NONE, spec.seconds(), true));
    } else {
      defects = null;
    }
  }

  /** Defect cases go to artists spread over the genres. */
  private static Artist spread(List<Artist> artists, int defect) {
    return artists.get((int) ((long) defect * artists.size() / 7) % artists.size());
  }

  static CorpusPlan of(CorpusSpec spec) {
    return new CorpusPlan(spec);
  }

  /** Every planned track: regular ones first, then the defect cases. */
  List<Planned> all() {
    List<Planned> all = new ArrayList<>(regular);
    if (defects != null) {
      all.addAll(defects.all());
    }
    return all;
  }

  private static int tracksIn(Genre genre, int tracks) {
    int genres = Genre.values().length;
    return tracks / genres + (genre.ordinal() < tracks % genres ? 1 : 0);
  }

  /** 2 to 4 artists for a small genre, about one per ten tracks for a large one; never fewer than two tracks each. */
  private List<Artist> artistsOf(Genre genre, int tracks) {
    int count = Math.max(1, Math.min(tracks / 2, Math.max(4, tracks / 10)));
    List<GenreStyle> styles = StyleBook.stylesOf(genre);
    SplittableRandom random = stream(1, genre.ordinal());
    int first = random.nextInt(styles.size());
    List<Artist> artists = new ArrayList<>(count);
    for (int a = 0; a < count; a++) {
      SplittableRandom own = stream(2, genre.ordinal() * 1_000_003L + a);
      GenreStyle style = styles.get((first + a) % styles.size());
      ArtistStyle sound = ArtistStyle.create(style, own);
      String name = Names.artist(genre, own);
      for (int attempt = 2; !artistNames.add(name); attempt++) {
        name = attempt <= 5 ? Names.artist(genre, own) : Names.artist(genre, own) + " " + attempt;
      }
      List<String> albums = List.of(Names.album(own), Names.album(own));
      artists.add(new Artist(name, genre, sound, albums, own.nextInt(8, 85), moods(sound, own)));
    }
    return artists;
  }

  private Planned track(int index, Artist artist, Audio audio, double seconds, boolean labelled) {
    SplittableRandom random = stream(3, index);
    String id = Names.trackId(random);
    while (!ids.add(id)) {
      id = Names.trackId(random);
    }
    TrackLabels labels = labelled ? labels(index, id, artist, random) : null;
    int bitrate = BITRATES[random.nextInt(BITRATES.length)];
    return new Planned(id, artist.genre(), artist, labels, audio, seconds, bitrate, random.nextLong());
  }

  /** Like the real data, some attributes are missing; which ones follows the index so every small corpus has each case. */
  private static TrackLabels labels(int index, String id, Artist artist, SplittableRandom random) {
    String subgenre = artist.sound().style().subgenre();
    List<String> others = null;
    if (index % 5 != 4) {
      List<String> siblings = artist.genre().subgenres().stream().filter(s -> !s.equals(subgenre)).toList();
      others = random.nextBoolean() ? List.of(siblings.get(random.nextInt(siblings.size()))) : List.of();
    }
    Double popularity = index % 11 == 5 ? null : (double) Math.max(0, Math.min(100, artist.popularity() + random.nextInt(-12, 13)));
    Map<String, Double> moods = null;
    if (index % 13 != 6) {
      moods = new LinkedHashMap<>();
      for (Map.Entry<String, Double> mood : artist.moods().entrySet()) {
        moods.put(mood.getKey(), round3(clamp01(mood.getValue() + random.nextDouble(-0.08, 0.08))));
      }
    }
    return new TrackLabels(
        id,
        artist.name(),
        Names.title(random),
        index % 7 == 3 ? null : artist.albums().get(random.nextInt(artist.albums().size())),
        artist.genre().label(),
        List.of(subgenre),
        others,
        popularity,
        moods);
  }

  /** Mood scores that follow the music: tempo and drums for danceability, mode for valence, instruments for acousticness. */
  private static Map<String, Double> moods(ArtistStyle sound, SplittableRandom random) {
    GenreStyle style = sound.style();
    boolean drums = !style.drums().isEmpty();
    double bpm = sound.bpm();
    double groove = drums ? 0.75 - Math.min(0.35, Math.abs(bpm - 115) / 200) : 0.25;
    boolean major = style.scale() == Scale.MAJOR || style.scale() == Scale.MIXOLYDIAN;
    double acoustic = sound.instruments().stream().filter(ACOUSTIC::contains).count() / 3.0;
    double loud = sound.instruments().contains(Instrument.DIST_GUITAR) ? 0.25 : 0;
    Map<String, Double> moods = new LinkedHashMap<>();
    moods.put("danceability", clamp01(groove + random.nextDouble(-0.1, 0.1)));
    moods.put("energy", clamp01(0.2 + (bpm - 60) / 250 + (drums ? 0.15 : 0) + loud + random.nextDouble(-0.1, 0.1)));
    moods.put("valence", clamp01((major ? 0.65 : 0.35) + random.nextDouble(-0.15, 0.15)));
    moods.put("acousticness", clamp01(0.1 + 0.8 * acoustic + random.nextDouble(-0.1, 0.1)));
    return moods;
  }

  /** An independent random stream per purpose and index, so the plan does not depend on the order of generation. */
  private SplittableRandom stream(long purpose, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (purpose * 0x1_0000_0001L + index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
