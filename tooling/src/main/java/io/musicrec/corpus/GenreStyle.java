package io.musicrec.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a subgenre audible: tempo range, meter, feel, harmony, drum pattern, bass and comping
 * figures, and the instruments artists of this style choose from.
 *
 * @param drums per-drum step patterns over a 16th-note grid ('X' accent, 'x' normal, 'o' soft,
 *     'g' ghost, '.' rest), one or two bars long; empty for styles without drums
 * @param swing delay of the off-beat 8th as a fraction of a beat's half (1/3 = triplet feel)
 * @param leadDensity probability of a melody onset on an 8th-note position
 * @param reverb send level into the room
 */
record GenreStyle(
    Genre genre,
    String subgenre,
    double bpmLow,
    double bpmHigh,
    int beatsPerBar,
    double swing,
    Scale scale,
    List<int[]> progressions,
    boolean sevenths,
    Map<Drum, String> drums,
    BassLine bass,
    Comping comping,
    List<Instrument> bassSounds,
    List<Instrument> compSounds,
    List<Instrument> leadSounds,
    double leadDensity,
    double reverb) {

  enum BassLine { SUSTAIN, QUARTERS, EIGHTHS, ROOT_FIFTH, WALKING, REGGAE, TUMBAO, FUNK, OCTAVES, OFFBEAT, KICK }

  enum Comping { PAD, BLOCK, HALF, SKANK, OFFBEAT, STRUM, POWER, ARP16, ARP8, MONTUNO, CHARLESTON, FUNK16, BOSSA, WALTZ }

  int stepsPerBar() {
    return beatsPerBar * 4;
  }

  static Builder of(Genre genre, String name) {
    return new Builder(genre, genre.label() + "---" + name);
  }

  static final class Builder {
    private final Genre genre;
    private final String subgenre;
    private double bpmLow = 100;
    private double bpmHigh = 120;
    private int beats = 4;
    private double swing;
    private Scale scale = Scale.MAJOR;
    private final List<int[]> progressions = new ArrayList<>();
    private boolean sevenths;
    private final Map<Drum, String> drums = new EnumMap<>(Drum.class);
    private BassLine bass = BassLine.ROOT_FIFTH;
    private Comping comping = Comping.PAD;
    private List<Instrument> bassSounds = List.of(Instrument.ELECTRIC_BASS);
    private List<Instrument> compSounds = List.of(Instrument.PIANO);
    private List<Instrument> leadSounds = List.of(Instrument.FLUTE);
    private double leadDensity = 0.4;
    private double reverb = 0.15;

    private Builder(Genre genre, String subgenre) {
      this.genre = genre;
      this.subgenre = subgenre;
    }

    Builder tempo(double low, double high) {
      bpmLow = low;
      bpmHigh = high;
      return this;
    }

    Builder waltz() {
      beats = 3;
      return this;
    }

    Builder swing(double swing) {
      this.swing = swing;
      return this;
    }

    Builder harmony(Scale scale, boolean sevenths, int[]... progressions) {
      this.scale = scale;
      this.sevenths = sevenths;
      this.progressions.addAll(List.of(progressions));
      return this;
    }

    Builder drum(Drum drum, String pattern) {
      drums.put(drum, pattern);
      return this;
    }

    Builder bass(BassLine line, Instrument... sounds) {
      bass = line;
      bassSounds = List.of(sounds);
      return this;
    }

    Builder comp(Comping figure, Instrument... sounds) {
      comping = figure;
      compSounds = List.of(sounds);
      return this;
    }

    Builder lead(double density, Instrument... sounds) {
      leadDensity = density;
      leadSounds = List.of(sounds);
      return this;
    }

    Builder reverb(double send) {
      reverb = send;
      return this;
    }

    GenreStyle build() {
      for (Map.Entry<Drum, String> e : drums.entrySet()) {
        if (e.getValue().length() % (beats * 4) != 0) {
          throw new IllegalStateException(subgenre + ": " + e.getKey() + " pattern is not whole bars");
        }
      }
      // An EnumMap's fixed iteration order keeps the random draws, and so the PCM, deterministic.
      return new GenreStyle(genre, subgenre, bpmLow, bpmHigh, beats, swing, scale, List.copyOf(progressions), sevenths,
          Collections.unmodifiableMap(new EnumMap<>(drums)), bass, comping, bassSounds, compSounds, leadSounds, leadDensity, reverb);
    }
  }
}
