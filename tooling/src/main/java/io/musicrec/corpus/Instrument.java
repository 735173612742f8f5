package io.musicrec.corpus;

/** The instrument palette that genre styles draw from; each is a {@link Timbre} before an artist personalises it. */
enum Instrument {
  PIANO(Timbre.table(partials(1, .55, .35, .22, .16, .1, .07, .05), 0.003, 0.9, 0, 0.18)),
  ELECTRIC_PIANO(Timbre.fm(1, 1.8, 0.002, 1.1, 0.12, 0.25)),
  ORGAN(Timbre.table(partials(1, .8, .6, 0, .45, 0, 0, .3), 0.006, 0.1, 0.9, 0.06).vibrato(6.2, 0.003)),
  STRINGS(Timbre.table(saw(14), 0.25, 0.6, 0.8, 0.3).vibrato(5.5, 0.004).tone(0.004, 3200, 0).gain(0.6)),
  SYNTH_PAD(Timbre.table(saw(14), 0.4, 1.0, 0.85, 0.4).tone(0.007, 1800, 0).gain(0.55)),
  SAW_LEAD(Timbre.table(saw(16), 0.01, 0.25, 0.7, 0.12).vibrato(5, 0.003).tone(0.003, 4200, 0).gain(0.7)),
  SQUARE_LEAD(Timbre.table(square(15), 0.01, 0.3, 0.7, 0.1).vibrato(5.5, 0.003).tone(0, 3000, 0).gain(0.6)),
  FLUTE(Timbre.table(partials(1, .12, .05, .02), 0.06, 0.3, 0.9, 0.12).vibrato(5, 0.006)),
  BRASS(Timbre.fm(1, 3.2, 0.05, 0.35, 0.7, 0.12).vibrato(5.2, 0.004).gain(0.8)),
  SAX(Timbre.fm(1, 2.2, 0.03, 0.4, 0.75, 0.1).vibrato(4.8, 0.006).tone(0, 3500, 0.8).gain(0.8)),
  BELL(Timbre.fm(3.5, 2.2, 0.001, 1.4, 0, 0.6).gain(0.6)),
  VIBRAPHONE(Timbre.table(partials(1, 0, 0, .35), 0.001, 1.3, 0, 0.5).vibrato(5.5, 0.0015)),
  MARIMBA(Timbre.table(partials(1, 0, 0, .25, 0, 0, 0, 0, 0, .1), 0.001, 0.3, 0, 0.1)),
  HARPSICHORD(Timbre.pluck(0.05, 1.0, 0.1).gain(0.7)),
  NYLON_GUITAR(Timbre.pluck(0.85, 0.9, 0.1)),
  CLEAN_GUITAR(Timbre.pluck(0.45, 0.8, 0.08).gain(0.8)),
  DIST_GUITAR(Timbre.pluck(0.3, 1.5, 0.06).tone(0, 3800, 7).gain(0.35)),
  CLAVINET(Timbre.pluck(0.1, 0.25, 0.04).tone(0, 5000, 0.5).gain(0.8)),
  ELECTRIC_BASS(Timbre.pluck(0.9, 0.8, 0.06).tone(0, 1800, 0.3)),
  UPRIGHT_BASS(Timbre.pluck(0.97, 0.5, 0.05).tone(0, 1200, 0)),
  SLAP_BASS(Timbre.fm(1, 2.6, 0.001, 0.25, 0.35, 0.05)),
  SYNTH_BASS(Timbre.table(saw(12), 0.004, 0.25, 0.7, 0.05).tone(0, 700, 0.5).gain(0.8)),
  ACID_BASS(Timbre.table(square(11), 0.002, 0.15, 0.5, 0.04).tone(0, 1100, 2.5).gain(0.6)),
  SUB_BASS(Timbre.table(partials(1, .12), 0.004, 0.8, 0.85, 0.08));

  private final Timbre timbre;

  Instrument(Timbre timbre) {
    this.timbre = timbre;
  }

  Timbre timbre() {
    return timbre;
  }

  private static double[] partials(double... amplitudes) {
    return amplitudes;
  }

  private static double[] saw(int n) {
    double[] h = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = 1.0 / (i + 1);
    }
    return h;
  }

  private static double[] square(int n) {
    double[] h = new double[n];
    for (int i = 0; i < n; i += 2) {
      h[i] = 1.0 / (i + 1);
    }
    return h;
  }
}
