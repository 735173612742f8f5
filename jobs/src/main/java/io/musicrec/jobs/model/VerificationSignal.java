package io.musicrec.jobs.model;

/**
 * A deterministic 6.5 s piece of music-like audio at 16 kHz (a harmonic bass, a decaying melody,
 * noise bursts on the beat): installs run a converted model on it and compare the tag
 * probabilities with those the reference implementation (musicnn on TensorFlow) gave for the same
 * samples, recorded in {@code models/pretrained-golden.json}. So every install proves its
 * conversion without needing TensorFlow. The noise comes from a fixed integer generator, never
 * from a library RNG whose sequence could change.
 */
public final class VerificationSignal {
  public static final int SAMPLE_RATE = 16_000;
  public static final int SAMPLES = 104_000; // two whole 187-frame patches

  private static final double[] MELODY_HZ = {440, 494, 523, 587, 659, 587, 523, 494};

  private VerificationSignal() {}

  public static float[] samples() {
    float[] x = new float[SAMPLES];
    long noise = 12345;
    for (int n = 0; n < SAMPLES; n++) {
      double t = (double) n / SAMPLE_RATE;
      double bass = 0;
      for (int k = 1; k <= 6; k++) bass += Math.sin(2 * Math.PI * 110 * k * t) / k;
      int note = (int) (t / 0.25);
      double sinceNote = t - note * 0.25;
      double melody = Math.sin(2 * Math.PI * MELODY_HZ[note % MELODY_HZ.length] * t) * Math.exp(-4 * sinceNote);
      noise = (noise * 6364136223846793005L + 1442695040888963407L);
      double white = ((noise >>> 40) / (double) (1L << 24)) * 2 - 1;
      double sinceBeat = t - Math.floor(t / 0.5) * 0.5;
      x[n] = (float) (0.15 * bass + 0.1 * melody + 0.2 * white * Math.exp(-30 * sinceBeat));
    }
    return x;
  }
}
