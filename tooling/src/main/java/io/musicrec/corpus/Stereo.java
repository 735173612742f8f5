package io.musicrec.corpus;

/** A stereo float buffer at the corpus sample rate that voices mix into. */
final class Stereo {
  static final int RATE = 44_100;

  final float[] left;
  final float[] right;

  Stereo(int frames) {
    left = new float[frames];
    right = new float[frames];
  }

  int frames() {
    return left.length;
  }

  void addScaled(Stereo other, double gain) {
    for (int i = 0; i < left.length; i++) {
      left[i] += (float) (other.left[i] * gain);
      right[i] += (float) (other.right[i] * gain);
    }
  }

  /** Peak-normalises (leaving digital silence silent), fades the edges and interleaves L/R. */
  float[] master(double peakTarget) {
    double peak = 0;
    for (int i = 0; i < left.length; i++) {
      peak = Math.max(peak, Math.max(Math.abs(left[i]), Math.abs(right[i])));
    }
    double gain = peak > 0 ? peakTarget / peak : 0;
    int fade = Math.min(left.length / 2, RATE / 200);
    float[] out = new float[2 * left.length];
    for (int i = 0; i < left.length; i++) {
      double edge = Math.min(1, Math.min(i, left.length - 1 - i) / (double) Math.max(1, fade));
      out[2 * i] = (float) (left[i] * gain * edge);
      out[2 * i + 1] = (float) (right[i] * gain * edge);
    }
    return out;
  }

  /** Equal-power pan gains for pan in [-1, 1]. */
  static double panLeft(double pan) {
    return Math.cos((pan + 1) * Math.PI / 4);
  }

  static double panRight(double pan) {
    return Math.sin((pan + 1) * Math.PI / 4);
  }
}
