package io.musicrec.corpus;

import java.util.SplittableRandom;

/**
 * How one instrument sounds: oscillator, envelope and tone controls. Instruments are data so that
 * each generated artist can own a slightly different, but consistent, version of them.
 *
 * @param oscillator sound source
 * @param harmonics partial amplitudes (1st = fundamental) for {@link Oscillator#TABLE}
 * @param fmRatio modulator/carrier frequency ratio for {@link Oscillator#FM}
 * @param fmIndex modulation index at full envelope level for {@link Oscillator#FM}
 * @param pluckDamping 0 (bright, buzzy) to 1 (soft) loop filter for {@link Oscillator#PLUCK}
 * @param attack seconds to full level
 * @param decay time constant (s) of the fall from full level to {@code sustain}
 * @param sustain level held while the note is on, 0..1
 * @param release time constant (s) after the note ends
 * @param vibratoHz vibrato rate
 * @param vibratoDepth vibrato depth as a fraction of the frequency
 * @param detune fraction by which a second, detuned oscillator is offset (0: none)
 * @param cutoffHz one-pole low-pass cutoff (0: none)
 * @param drive soft-clipping drive (0: clean)
 * @param gain output level
 */
record Timbre(
    Oscillator oscillator,
    double[] harmonics,
    double fmRatio,
    double fmIndex,
    double pluckDamping,
    double attack,
    double decay,
    double sustain,
    double release,
    double vibratoHz,
    double vibratoDepth,
    double detune,
    double cutoffHz,
    double drive,
    double gain) {

  enum Oscillator { TABLE, FM, PLUCK }

  static Timbre table(double[] harmonics, double attack, double decay, double sustain, double release) {
    return new Timbre(Oscillator.TABLE, harmonics, 0, 0, 0, attack, decay, sustain, release, 0, 0, 0, 0, 0, 1);
  }

  static Timbre fm(double ratio, double index, double attack, double decay, double sustain, double release) {
    return new Timbre(Oscillator.FM, new double[] {1}, ratio, index, 0, attack, decay, sustain, release, 0, 0, 0, 0, 0, 1);
  }

  static Timbre pluck(double damping, double decay, double release) {
    return new Timbre(Oscillator.PLUCK, new double[] {1}, 0, 0, damping, 0.001, decay, 0, release, 0, 0, 0, 0, 0, 1);
  }

  Timbre vibrato(double hz, double depth) {
    return new Timbre(oscillator, harmonics, fmRatio, fmIndex, pluckDamping, attack, decay, sustain, release, hz, depth, detune, cutoffHz, drive, gain);
  }

  Timbre tone(double detune, double cutoffHz, double drive) {
    return new Timbre(oscillator, harmonics, fmRatio, fmIndex, pluckDamping, attack, decay, sustain, release, vibratoHz, vibratoDepth, detune, cutoffHz, drive, gain);
  }

  Timbre gain(double gain) {
    return new Timbre(oscillator, harmonics, fmRatio, fmIndex, pluckDamping, attack, decay, sustain, release, vibratoHz, vibratoDepth, detune, cutoffHz, drive, gain);
  }

  /**
   * This timbre as one artist plays it: spectral tilt, brightness, envelope and modulation moved
   * by amounts drawn once per artist, so all of that artist's tracks share them.
   */
  Timbre personalise(SplittableRandom random) {
    double tilt = random.nextDouble(-0.7, 0.5);
    double[] tilted = new double[harmonics.length];
    for (int n = 0; n < harmonics.length; n++) {
      tilted[n] = harmonics[n] * Math.pow(n + 1, tilt);
    }
    double brightness = Math.pow(2, random.nextDouble(-1.2, 1.2));
    return new Timbre(
        oscillator,
        tilted,
        fmRatio,
        fmIndex * random.nextDouble(0.5, 1.6),
        clamp(pluckDamping + random.nextDouble(-0.25, 0.25), 0.02, 1),
        attack * random.nextDouble(0.7, 1.4),
        decay * random.nextDouble(0.6, 1.5),
        sustain,
        release * random.nextDouble(0.7, 1.4),
        vibratoHz * random.nextDouble(0.8, 1.2),
        vibratoDepth * random.nextDouble(0.5, 1.5),
        detune * random.nextDouble(0.5, 1.6),
        cutoffHz > 0 ? Math.min(cutoffHz * brightness, 16000) : (brightness < 0.7 ? 5000 * brightness : 0),
        drive * random.nextDouble(0.6, 1.5),
        gain * Math.pow(10, random.nextDouble(-3, 3) / 20));
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
