package io.musicrec.corpus;

import static io.musicrec.corpus.Drum.CLAP;
import static io.musicrec.corpus.Drum.CLAVE;
import static io.musicrec.corpus.Drum.CONGA_HIGH;
import static io.musicrec.corpus.Drum.CONGA_LOW;
import static io.musicrec.corpus.Drum.COWBELL;
import static io.musicrec.corpus.Drum.HAT;
import static io.musicrec.corpus.Drum.KICK;
import static io.musicrec.corpus.Drum.OPEN_HAT;
import static io.musicrec.corpus.Drum.RIDE;
import static io.musicrec.corpus.Drum.RIM;
import static io.musicrec.corpus.Drum.SHAKER;
import static io.musicrec.corpus.Drum.SNARE;
import static io.musicrec.corpus.GenreStyle.BassLine;
import static io.musicrec.corpus.GenreStyle.Comping;
import static io.musicrec.corpus.Instrument.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The subgenre styles of each genre: the corpus's musical vocabulary, written down as data. */
final class StyleBook {
  private static final String BACKBEAT = "....X.......X...";
  private static final String EIGHTHS = "x.o.x.o.x.o.x.o.";
  private static final String SIXTEENTHS = "xgogxgogxgogxgog";
  private static final String FOUR_ON_FLOOR = "X...X...X...X...";
  private static final String OFFBEAT_8THS = "..x...x...x...x.";
  private static final int[] TWELVE_BAR = {0, 0, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4};
  private static final int[] QUICK_CHANGE = {0, 3, 0, 0, 3, 3, 0, 0, 4, 3, 0, 4};

  private static final Map<Genre, List<GenreStyle>> STYLES = new EnumMap<>(Genre.class);

  static {
    Genre g = Genre.BLUES;
    put(g,
        GenreStyle.of(g, "delta blues").tempo(70, 92).swing(0.33).harmony(Scale.MIXOLYDIAN, true, TWELVE_BAR, QUICK_CHANGE)
            .drum(KICK, "x.......x.......").bass(BassLine.ROOT_FIFTH, UPRIGHT_BASS, NYLON_GUITAR)
            .comp(Comping.ARP8, NYLON_GUITAR, CLEAN_GUITAR).lead(0.45, SQUARE_LEAD, CLEAN_GUITAR).reverb(0.12).build(),
        GenreStyle.of(g, "chicago blues").tempo(100, 124).swing(0.33).harmony(Scale.MIXOLYDIAN, true, TWELVE_BAR, QUICK_CHANGE)
            .drum(KICK, "x.......x.......").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.WALKING, ELECTRIC_BASS, UPRIGHT_BASS).comp(Comping.BLOCK, PIANO, CLEAN_GUITAR)
            .lead(0.5, SAX, SQUARE_LEAD, CLEAN_GUITAR).reverb(0.15).build(),
        GenreStyle.of(g, "electric blues").tempo(76, 98).swing(0.33).harmony(Scale.MIXOLYDIAN, true, TWELVE_BAR)
            .drum(KICK, "x......xx.......").drum(SNARE, BACKBEAT).drum(RIDE, EIGHTHS)
            .bass(BassLine.ROOT_FIFTH, ELECTRIC_BASS).comp(Comping.PAD, ORGAN, ELECTRIC_PIANO)
            .lead(0.45, DIST_GUITAR, CLEAN_GUITAR).reverb(0.2).build());

    g = Genre.CLASSICAL;
    put(g,
        GenreStyle.of(g, "baroque").tempo(92, 120).harmony(Scale.MAJOR, false, new int[] {0, 4, 5, 2, 3, 0, 3, 4}, new int[] {0, 3, 4, 0}, new int[] {0, 5, 1, 4})
            .bass(BassLine.QUARTERS, UPRIGHT_BASS, HARPSICHORD).comp(Comping.ARP16, HARPSICHORD, ORGAN)
            .lead(0.7, FLUTE, STRINGS).reverb(0.3).build(),
        GenreStyle.of(g, "romantic").tempo(60, 84).waltz().harmony(Scale.HARMONIC_MINOR, false, new int[] {0, 3, 4, 0}, new int[] {0, 5, 3, 4}, new int[] {0, 3, 6, 2})
            .bass(BassLine.ROOT_FIFTH, UPRIGHT_BASS, PIANO).comp(Comping.WALTZ, PIANO, STRINGS)
            .lead(0.45, STRINGS, PIANO, FLUTE).reverb(0.45).build(),
        GenreStyle.of(g, "modern").tempo(108, 138).harmony(Scale.DORIAN, false, new int[] {0, 0, 6, 6}, new int[] {0, 3, 0, 6})
            .bass(BassLine.SUSTAIN, STRINGS, UPRIGHT_BASS).comp(Comping.ARP16, MARIMBA, VIBRAPHONE, PIANO)
            .lead(0.25, BELL, FLUTE).reverb(0.35).build());

    g = Genre.ELECTRONIC;
    put(g,
        GenreStyle.of(g, "techno").tempo(124, 134).harmony(Scale.MINOR, false, new int[] {0, 0, 5, 5}, new int[] {0, 0, 0, 0}, new int[] {0, 6, 5, 6})
            .drum(KICK, FOUR_ON_FLOOR).drum(CLAP, BACKBEAT).drum(OPEN_HAT, OFFBEAT_8THS).drum(HAT, "x.xxx.xxx.xxx.xx")
            .bass(BassLine.OFFBEAT, ACID_BASS, SYNTH_BASS).comp(Comping.OFFBEAT, BELL, SYNTH_PAD)
            .lead(0.25, SAW_LEAD, SQUARE_LEAD).reverb(0.2).build(),
        GenreStyle.of(g, "house").tempo(118, 126).harmony(Scale.MINOR, true, new int[] {0, 5, 3, 4}, new int[] {0, 3, 0, 3})
            .drum(KICK, FOUR_ON_FLOOR).drum(CLAP, BACKBEAT).drum(OPEN_HAT, OFFBEAT_8THS).drum(SHAKER, "oooooooooooooooo")
            .bass(BassLine.FUNK, SYNTH_BASS, SUB_BASS).comp(Comping.CHARLESTON, ELECTRIC_PIANO, ORGAN, PIANO)
            .lead(0.3, BELL, SQUARE_LEAD).reverb(0.2).build(),
        GenreStyle.of(g, "ambient").tempo(60, 80).harmony(Scale.MAJOR, true, new int[] {0, 3}, new int[] {0, 5, 3, 0}, new int[] {3, 0})
            .drum(SHAKER, "o.......o.......").bass(BassLine.SUSTAIN, SUB_BASS, SYNTH_PAD).comp(Comping.PAD, SYNTH_PAD, STRINGS)
            .lead(0.15, BELL, VIBRAPHONE, FLUTE).reverb(0.55).build(),
        GenreStyle.of(g, "drum n bass").tempo(168, 176).harmony(Scale.MINOR, false, new int[] {0, 0, 5, 6}, new int[] {0, 3, 0, 5})
            .drum(KICK, "X.........X.....").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.SUSTAIN, SUB_BASS, SYNTH_BASS).comp(Comping.PAD, SYNTH_PAD, STRINGS)
            .lead(0.2, BELL, SAW_LEAD).reverb(0.25).build());

    g = Genre.FUNK_SOUL;
    put(g,
        GenreStyle.of(g, "funk").tempo(96, 112).harmony(Scale.DORIAN, true, new int[] {0, 0, 0, 0}, new int[] {0, 0, 3, 3})
            .drum(KICK, "X.....x...X..x..").drum(SNARE, "....X..g.g..X..g").drum(HAT, SIXTEENTHS)
            .bass(BassLine.FUNK, SLAP_BASS, ELECTRIC_BASS).comp(Comping.FUNK16, CLAVINET, CLEAN_GUITAR)
            .lead(0.35, BRASS, SAX).reverb(0.1).build(),
        GenreStyle.of(g, "soul").tempo(70, 94).swing(0.1).harmony(Scale.MAJOR, true, new int[] {0, 5, 3, 4}, new int[] {0, 3, 0, 4})
            .drum(KICK, "x.......x.x.....").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.ROOT_FIFTH, ELECTRIC_BASS).comp(Comping.BLOCK, ORGAN, ELECTRIC_PIANO)
            .lead(0.4, SAX, BRASS, STRINGS).reverb(0.2).build(),
        GenreStyle.of(g, "disco").tempo(114, 126).harmony(Scale.DORIAN, true, new int[] {0, 3}, new int[] {0, 5, 3, 4})
            .drum(KICK, FOUR_ON_FLOOR).drum(SNARE, BACKBEAT).drum(OPEN_HAT, OFFBEAT_8THS).drum(HAT, EIGHTHS)
            .bass(BassLine.OCTAVES, ELECTRIC_BASS, SYNTH_BASS).comp(Comping.FUNK16, CLEAN_GUITAR, STRINGS)
            .lead(0.4, STRINGS, BRASS).reverb(0.18).build());

    g = Genre.HIP_HOP;
    put(g,
        GenreStyle.of(g, "boom bap").tempo(84, 95).swing(0.15).harmony(Scale.MINOR, true, new int[] {0, 0, 5, 5}, new int[] {0, 3, 0, 3})
            .drum(KICK, "X......x..X.....").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.KICK, ELECTRIC_BASS, UPRIGHT_BASS).comp(Comping.HALF, PIANO, ELECTRIC_PIANO, STRINGS)
            .lead(0.25, FLUTE, VIBRAPHONE, BRASS).reverb(0.12).build(),
        GenreStyle.of(g, "trap").tempo(130, 150).harmony(Scale.HARMONIC_MINOR, false, new int[] {0, 0, 5, 5}, new int[] {0, 5, 3, 4})
            .drum(KICK, "X......X..X.....X.........X.....").drum(SNARE, "........X...............X.......").drum(HAT, "x.x.x.x.xxx.x.xxx.x.x.x.x.xxxxxx")
            .bass(BassLine.KICK, SUB_BASS).comp(Comping.ARP8, BELL, SYNTH_PAD)
            .lead(0.3, BELL, SQUARE_LEAD).reverb(0.15).build(),
        GenreStyle.of(g, "g-funk").tempo(90, 100).harmony(Scale.DORIAN, true, new int[] {0, 0, 3, 3}, new int[] {0, 6, 3, 0})
            .drum(KICK, "X.......x.X.....").drum(CLAP, BACKBEAT).drum(HAT, SIXTEENTHS)
            .bass(BassLine.FUNK, SYNTH_BASS).comp(Comping.PAD, SYNTH_PAD, ELECTRIC_PIANO)
            .lead(0.4, SAW_LEAD).reverb(0.15).build());

    g = Genre.JAZZ;
    int[][] changes = {{1, 4, 0, 5}, {0, 5, 1, 4}, {2, 5, 1, 4}};
    put(g,
        GenreStyle.of(g, "swing").tempo(140, 190).swing(0.33).harmony(Scale.MAJOR, true, changes)
            .drum(RIDE, "x...x.x.x...x.x.").drum(HAT, "....x.......x...").drum(KICK, "g...g...g...g...")
            .bass(BassLine.WALKING, UPRIGHT_BASS).comp(Comping.CHARLESTON, PIANO, CLEAN_GUITAR)
            .lead(0.5, SAX, BRASS).reverb(0.2).build(),
        GenreStyle.of(g, "bop").tempo(200, 240).swing(0.28).harmony(Scale.MAJOR, true, changes)
            .drum(RIDE, "x...x.x.x...x.x.").drum(HAT, "....x.......x...").drum(SNARE, "......g.......g.")
            .bass(BassLine.WALKING, UPRIGHT_BASS).comp(Comping.CHARLESTON, PIANO)
            .lead(0.75, SAX, BRASS).reverb(0.15).build(),
        GenreStyle.of(g, "cool jazz").tempo(100, 130).swing(0.3).harmony(Scale.DORIAN, true, new int[] {0, 0, 3, 3}, new int[] {1, 4, 0, 0})
            .drum(RIDE, "o...o.o.o...o.o.").drum(SHAKER, "oooooooooooooooo")
            .bass(BassLine.WALKING, UPRIGHT_BASS).comp(Comping.CHARLESTON, VIBRAPHONE, PIANO)
            .lead(0.4, FLUTE, SAX, VIBRAPHONE).reverb(0.3).build());

    g = Genre.LATIN;
    put(g,
        GenreStyle.of(g, "salsa").tempo(90, 104).harmony(Scale.HARMONIC_MINOR, false, new int[] {0, 3, 4, 0}, new int[] {0, 4, 0, 4}, new int[] {3, 4, 0, 0})
            .drum(CLAVE, "x..x..x...x.x...").drum(CONGA_HIGH, "..x.x..x..x.x..x").drum(CONGA_LOW, "......xx......xx").drum(COWBELL, "x.x.x.x.x.x.x.x.")
            .bass(BassLine.TUMBAO, ELECTRIC_BASS, UPRIGHT_BASS).comp(Comping.MONTUNO, PIANO)
            .lead(0.5, BRASS, FLUTE).reverb(0.15).build(),
        GenreStyle.of(g, "samba").tempo(96, 106).harmony(Scale.MAJOR, true, new int[] {0, 5, 1, 4}, new int[] {1, 4, 0, 0})
            .drum(KICK, "x.......X.......").drum(SHAKER, "xoooxoooxoooxooo").drum(RIM, "x.x..x.x..x.x.x.")
            .bass(BassLine.ROOT_FIFTH, UPRIGHT_BASS, ELECTRIC_BASS).comp(Comping.FUNK16, NYLON_GUITAR, CLEAN_GUITAR)
            .lead(0.5, FLUTE, BRASS, SAX).reverb(0.15).build(),
        GenreStyle.of(g, "bossanova").tempo(64, 76).harmony(Scale.MAJOR, true, new int[] {1, 4, 0, 0}, new int[] {0, 1, 4, 0})
            .drum(RIM, "x..x..x...x..x..").drum(KICK, "x.....x.x.....x.").drum(SHAKER, "oooooooooooooooo")
            .bass(BassLine.ROOT_FIFTH, UPRIGHT_BASS, ELECTRIC_BASS).comp(Comping.BOSSA, NYLON_GUITAR)
            .lead(0.35, FLUTE, SAX, VIBRAPHONE).reverb(0.2).build(),
        GenreStyle.of(g, "reggaeton").tempo(88, 98).harmony(Scale.MINOR, false, new int[] {0, 5, 2, 6}, new int[] {0, 0, 5, 5})
            .drum(KICK, FOUR_ON_FLOOR).drum(SNARE, "...x..x....x..x.").drum(HAT, EIGHTHS)
            .bass(BassLine.KICK, SUB_BASS, SYNTH_BASS).comp(Comping.PAD, SYNTH_PAD)
            .lead(0.35, SQUARE_LEAD, BELL).reverb(0.15).build());

    g = Genre.POP;
    put(g,
        GenreStyle.of(g, "ballad").tempo(66, 80).harmony(Scale.MAJOR, false, new int[] {0, 4, 5, 3}, new int[] {5, 3, 0, 4})
            .drum(KICK, "x.......x.......").drum(SNARE, "....x.......x...").drum(HAT, "o.o.o.o.o.o.o.o.")
            .bass(BassLine.ROOT_FIFTH, ELECTRIC_BASS).comp(Comping.ARP8, PIANO, STRINGS)
            .lead(0.4, FLUTE, STRINGS, SAW_LEAD).reverb(0.3).build(),
        GenreStyle.of(g, "synth-pop").tempo(110, 124).harmony(Scale.MINOR, false, new int[] {5, 3, 0, 4}, new int[] {0, 5, 2, 6})
            .drum(KICK, "X.....x.X.......").drum(CLAP, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.EIGHTHS, SYNTH_BASS, ACID_BASS).comp(Comping.ARP16, SQUARE_LEAD, SYNTH_PAD)
            .lead(0.5, SAW_LEAD, SQUARE_LEAD).reverb(0.2).build(),
        GenreStyle.of(g, "europop").tempo(124, 132).harmony(Scale.MAJOR, false, new int[] {5, 3, 0, 4}, new int[] {0, 4, 5, 3})
            .drum(KICK, FOUR_ON_FLOOR).drum(CLAP, BACKBEAT).drum(OPEN_HAT, OFFBEAT_8THS)
            .bass(BassLine.OFFBEAT, SYNTH_BASS).comp(Comping.BLOCK, PIANO, SYNTH_PAD)
            .lead(0.5, SAW_LEAD, BELL).reverb(0.2).build());

    g = Genre.REGGAE;
    put(g,
        GenreStyle.of(g, "roots reggae").tempo(70, 82).swing(0.15).harmony(Scale.MINOR, false, new int[] {0, 3}, new int[] {0, 0, 3, 3}, new int[] {0, 5, 3, 4})
            .drum(KICK, "........X.......").drum(RIM, "........x.......").drum(HAT, EIGHTHS)
            .bass(BassLine.REGGAE, ELECTRIC_BASS, SUB_BASS).comp(Comping.SKANK, CLEAN_GUITAR, ORGAN)
            .lead(0.3, ORGAN, BRASS, FLUTE).reverb(0.25).build(),
        GenreStyle.of(g, "dancehall").tempo(90, 100).harmony(Scale.MINOR, false, new int[] {0, 0, 5, 6}, new int[] {0, 3})
            .drum(KICK, "X..x..x.X..x..x.").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.KICK, SYNTH_BASS, SUB_BASS).comp(Comping.OFFBEAT, SYNTH_PAD, SQUARE_LEAD)
            .lead(0.35, SQUARE_LEAD).reverb(0.15).build(),
        GenreStyle.of(g, "ska").tempo(140, 168).harmony(Scale.MAJOR, false, new int[] {0, 3, 4, 0}, new int[] {0, 5, 3, 4})
            .drum(KICK, "X.......X.......").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.WALKING, ELECTRIC_BASS).comp(Comping.OFFBEAT, CLEAN_GUITAR, ORGAN)
            .lead(0.5, BRASS, SAX).reverb(0.15).build());

    g = Genre.ROCK;
    put(g,
        GenreStyle.of(g, "classic rock").tempo(110, 134).harmony(Scale.MIXOLYDIAN, false, new int[] {0, 6, 3, 0}, new int[] {0, 3, 4, 3})
            .drum(KICK, "X.......X.X.....").drum(SNARE, BACKBEAT).drum(HAT, EIGHTHS)
            .bass(BassLine.EIGHTHS, ELECTRIC_BASS).comp(Comping.POWER, DIST_GUITAR, CLEAN_GUITAR)
            .lead(0.45, DIST_GUITAR, ORGAN).reverb(0.15).build(),
        GenreStyle.of(g, "punk").tempo(165, 195).harmony(Scale.MAJOR, false, new int[] {0, 3, 4, 3}, new int[] {0, 4, 5, 3})
            .drum(KICK, "X.x...x.X.x...x.").drum(SNARE, BACKBEAT).drum(OPEN_HAT, "x.x.x.x.x.x.x.x.")
            .bass(BassLine.EIGHTHS, ELECTRIC_BASS).comp(Comping.POWER, DIST_GUITAR)
            .lead(0.3, DIST_GUITAR).reverb(0.08).build(),
        GenreStyle.of(g, "hard rock").tempo(92, 116).harmony(Scale.MINOR, false, new int[] {0, 5, 6, 0}, new int[] {0, 2, 3, 0})
            .drum(KICK, "X.....X.X.......").drum(SNARE, BACKBEAT).drum(RIDE, EIGHTHS)
            .bass(BassLine.EIGHTHS, ELECTRIC_BASS).comp(Comping.POWER, DIST_GUITAR)
            .lead(0.5, DIST_GUITAR).reverb(0.18).build(),
        GenreStyle.of(g, "indie rock").tempo(120, 144).harmony(Scale.MAJOR, false, new int[] {0, 5, 3, 4}, new int[] {5, 3, 0, 4})
            .drum(KICK, "X.....X...X.....").drum(SNARE, BACKBEAT).drum(HAT, SIXTEENTHS)
            .bass(BassLine.QUARTERS, ELECTRIC_BASS).comp(Comping.STRUM, CLEAN_GUITAR)
            .lead(0.4, CLEAN_GUITAR, SQUARE_LEAD).reverb(0.2).build());
  }

  private StyleBook() {}

  static List<GenreStyle> stylesOf(Genre genre) {
    return STYLES.get(genre);
  }

  private static void put(Genre genre, GenreStyle... styles) {
    STYLES.put(genre, List.of(styles));
  }
}
