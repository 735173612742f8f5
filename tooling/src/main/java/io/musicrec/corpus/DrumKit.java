package io.musicrec.corpus;

import java.util.SplittableRandom;

/**
 * One artist's tuned drum kit: kick and snare pitch and decay, hi-hat length and brightness.
 * Drums are built from sine sweeps and filtered noise.
 */
record DrumKit(double kickHz, double kickDecay, double snareHz, double snareDecay, double hatDecay, double hatCutoffHz, double level) {

  static DrumKit personalised(SplittableRandom random) {
    return new DrumKit(
        random.nextDouble(44, 66),
        random.nextDouble(0.15, 0.4),
        random.nextDouble(165, 245),
        random.nextDouble(0.09, 0.22),
        random.nextDouble(0.02, 0.06),
        random.nextDouble(4500, 9500),
        random.nextDouble(0.8, 1.1));
  }

  void hit(Drum drum, Stereo out, int start, double velocity, SplittableRandom noise) {
    if (start < 0 || start >= out.frames()) {
      return;
    }
    switch (drum) {
      case KICK -> tone(out, start, velocity * 1.1, drum.pan, kickHz, kickHz * 3.2, 0.03, kickDecay, noise, 0.06);
      case SNARE -> {
        tone(out, start, velocity * 0.45, drum.pan, snareHz, snareHz * 1.3, 0.01, 0.05, noise, 0);
        noise(out, start, velocity * 0.6, drum.pan, 1800, 0.002, snareDecay, noise, 1);
      }
      case CLAP -> noise(out, start, velocity * 0.7, drum.pan, 1200, 0.002, 0.12, noise, 3);
      case RIM -> {
        tone(out, start, velocity * 0.35, drum.pan, 1700, 1700, 1, 0.015, noise, 0);
        noise(out, start, velocity * 0.25, drum.pan, 3000, 0.001, 0.01, noise, 1);
      }
      case HAT -> noise(out, start, velocity * 0.35, drum.pan, hatCutoffHz, 0.001, hatDecay, noise, 1);
      case OPEN_HAT -> noise(out, start, velocity * 0.3, drum.pan, hatCutoffHz, 0.002, hatDecay * 6, noise, 1);
      case SHAKER -> noise(out, start, velocity * 0.22, drum.pan, hatCutoffHz * 0.7, 0.008, 0.04, noise, 1);
      case RIDE -> metal(out, start, velocity * 0.22, drum.pan, 410, 0.3, noise);
      case COWBELL -> metal(out, start, velocity * 0.3, drum.pan, 560, 0.09, noise);
      case CLAVE -> tone(out, start, velocity * 0.4, drum.pan, 2450, 2450, 1, 0.03, noise, 0);
      case CONGA_LOW -> tone(out, start, velocity * 0.6, drum.pan, 190, 215, 0.02, 0.17, noise, 0.01);
      case CONGA_HIGH -> tone(out, start, velocity * 0.55, drum.pan, 290, 330, 0.02, 0.12, noise, 0.01);
    }
  }

  /** xorshift64: white noise at a fraction of the cost of a general-purpose generator; seeded per hit. */
  private static long next(long x) {
    x ^= x << 13;
    x ^= x >>> 7;
    return x ^ (x << 17);
  }

  /** A pitched body: frequency falls from {@code fromHz} to {@code toHz}; optional noise click. */
  private void tone(Stereo out, int start, double velocity, double pan, double toHz, double fromHz, double sweep, double decay,
      SplittableRandom noise, double click) {
    int rate = Stereo.RATE;
    int end = Math.min(out.frames(), start + (int) (decay * 6 * rate));
    double amp = velocity * level;
    double gl = amp * Stereo.panLeft(pan);
    double gr = amp * Stereo.panRight(pan);
    long state = noise.nextLong() | 1;
    double env = 1;
    double envStep = Math.exp(-1 / (decay * rate));
    double sweepEnv = 1;
    double sweepStep = Math.exp(-1 / (sweep * rate));
    double phase = 0;
    int clickFrames = (int) (0.002 * rate);
    for (int i = start; i < end; i++) {
      double freq = toHz + (fromHz - toHz) * sweepEnv;
      double s = Wavetable.SINE.at(phase);
      if (i - start < clickFrames) {
        s += click * 10 * (state = next(state)) * 0x1.0p-63;
      }
      phase += freq / rate;
      double v = s * env;
      out.left[i] += (float) (v * gl);
      out.right[i] += (float) (v * gr);
      env *= envStep;
      sweepEnv *= sweepStep;
    }
  }

  /** High-passed noise; {@code bursts} > 1 gives a hand-clap's repeated onsets. */
  private void noise(Stereo out, int start, double velocity, double pan, double cutoffHz, double attack, double decay,
      SplittableRandom noise, int bursts) {
    int rate = Stereo.RATE;
    int end = Math.min(out.frames(), start + (int) (decay * 6 * rate) + bursts * rate / 100);
    double amp = velocity * level;
    double gl = amp * Stereo.panLeft(pan);
    double gr = amp * Stereo.panRight(pan);
    long state = noise.nextLong() | 1;
    double coefficient = 1 - Math.exp(-2 * Math.PI * cutoffHz / rate);
    double low = 0;
    int attackFrames = Math.max(1, (int) (attack * rate));
    int burstFrames = rate / 100;
    double envStep = Math.exp(-1 / (decay * rate));
    double burstStep = Math.exp(-1 / (0.004 * rate));
    double env = 1;
    double burstEnv = 1;
    for (int i = start; i < end; i++) {
      int k = i - start;
      double x = (state = next(state)) * 0x1.0p-63;
      low += coefficient * (x - low);
      double s = x - low;
      double shape;
      if (k < bursts * burstFrames && bursts > 1) {
        if (k % burstFrames == 0) {
          burstEnv = 1;
        }
        burstEnv *= burstStep;
        shape = burstEnv;
      } else {
        shape = Math.min(1, (double) k / attackFrames) * env;
        env *= envStep;
      }
      double v = s * shape;
      out.left[i] += (float) (v * gl);
      out.right[i] += (float) (v * gr);
    }
  }

  /** Inharmonic partials plus a noise wash: ride cymbal and cowbell. */
  private void metal(Stereo out, int start, double velocity, double pan, double baseHz, double decay, SplittableRandom noise) {
    int rate = Stereo.RATE;
    double[] ratios = {1.0, 1.48, 2.19, 2.83, 3.97, 5.41};
    int end = Math.min(out.frames(), start + (int) (decay * 5 * rate));
    double amp = velocity * level;
    double gl = amp * Stereo.panLeft(pan);
    double gr = amp * Stereo.panRight(pan);
    long state = noise.nextLong() | 1;
    double[] phases = new double[ratios.length];
    double env = 1;
    double envStep = Math.exp(-1 / (decay * rate));
    double low = 0;
    double coefficient = 1 - Math.exp(-2 * Math.PI * 6000.0 / rate);
    for (int i = start; i < end; i++) {
      double s = 0;
      for (int p = 0; p < ratios.length; p++) {
        s += phases[p] < 0.5 ? 0.15 : -0.15;
        phases[p] += baseHz * ratios[p] / rate;
        if (phases[p] >= 1) {
          phases[p] -= 1;
        }
      }
      double x = (state = next(state)) * 0x1.0p-63;
      low += coefficient * (x - low);
      s += 0.5 * (x - low);
      double v = s * env;
      out.left[i] += (float) (v * gl);
      out.right[i] += (float) (v * gr);
      env *= envStep;
    }
  }
}
