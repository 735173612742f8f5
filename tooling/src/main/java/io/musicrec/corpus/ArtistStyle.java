package io.musicrec.corpus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One artist's sound inside a subgenre, drawn once and shared by all of the artist's tracks:
 * tempo centre, key, favourite progression, drum pattern variant and kit tuning, instruments with
 * personal timbre, mix levels and room. This is what makes an artist's tracks closer to each
 * other than to the rest of the genre.
 */
record ArtistStyle(
    GenreStyle style,
    List<Instrument> instruments,
    double bpm,
    int key,
    int progression,
    Map<Drum, String> drums,
    DrumKit kit,
    Timbre bass,
    Timbre comp,
    Timbre lead,
    int leadOctave,
    double drumLevel,
    double bassLevel,
    double compLevel,
    double leadLevel,
    double compPan,
    double leadPan,
    double reverbSend,
    double roomSize,
    double roomDamping) {

  private static final Set<Instrument> LOW_LEADS =
      Set.of(Instrument.DIST_GUITAR, Instrument.CLEAN_GUITAR, Instrument.SAX, Instrument.BRASS, Instrument.ORGAN);

  static ArtistStyle create(GenreStyle style, SplittableRandom random) {
    Instrument bass = pick(style.bassSounds(), random);
    Instrument comp = pick(style.compSounds(), random);
    Instrument lead = pick(style.leadSounds(), random);
    return new ArtistStyle(
        style,
        List.of(bass, comp, lead),
        random.nextDouble(style.bpmLow(), style.bpmHigh()),
        random.nextInt(12),
        random.nextInt(style.progressions().size()),
        drumVariant(style, random.nextInt(3)),
        DrumKit.personalised(random),
        bass.timbre().personalise(random),
        comp.timbre().personalise(random),
        lead.timbre().personalise(random),
        random.nextInt(2) - (LOW_LEADS.contains(lead) ? 1 : 0),
        dB(random, 0.9),
        dB(random, 0.8),
        dB(random, 0.42),
        dB(random, 0.5),
        random.nextDouble(-0.35, 0.35),
        random.nextDouble(-0.2, 0.2),
        style.reverb() * random.nextDouble(0.6, 1.5),
        random.nextDouble(0.7, 0.88),
        random.nextDouble(0.2, 0.5));
  }

  private static <T> T pick(List<T> options, SplittableRandom random) {
    return options.get(random.nextInt(options.size()));
  }

  private static double dB(SplittableRandom random, double level) {
    return level * Math.pow(10, random.nextDouble(-3, 3) / 20);
  }

  /** Variant 1 fills the hi-hat's gaps with ghost notes, variant 2 adds a pickup kick; 0 keeps the book's pattern. */
  private static Map<Drum, String> drumVariant(GenreStyle style, int variant) {
    Map<Drum, String> drums = new EnumMap<>(Drum.class);
    drums.putAll(style.drums());
    if (variant == 1 && drums.containsKey(Drum.HAT)) {
      drums.put(Drum.HAT, drums.get(Drum.HAT).replace('.', 'g'));
    } else if (variant == 2 && drums.containsKey(Drum.KICK)) {
      char[] kick = drums.get(Drum.KICK).toCharArray();
      int pickup = kick.length - 2;
      if (kick[pickup] == '.') {
        kick[pickup] = 'o';
      }
      drums.put(Drum.KICK, new String(kick));
    }
    return Collections.unmodifiableMap(drums);
  }
}
