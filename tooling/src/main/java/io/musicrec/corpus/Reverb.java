package io.musicrec.corpus;

/**
 * A small Schroeder/Freeverb-style room: four damped combs and two all-passes per channel, with
 * slightly different delays left and right for width. Room size and mix are part of an artist's sound.
 */
final class Reverb {
  private static final int[] COMBS = {1116, 1188, 1277, 1356};
  private static final int[] ALLPASSES = {556, 441};
  private static final int SPREAD = 23;

  private Reverb() {}

  /** Returns the wet signal of {@code send}. */
  static Stereo process(Stereo send, double roomSize, double damping) {
    Stereo wet = new Stereo(send.frames());
    channel(send.left, wet.left, 0, roomSize, damping);
    channel(send.right, wet.right, SPREAD, roomSize, damping);
    return wet;
  }

  private static void channel(float[] in, float[] out, int spread, double feedback, double damping) {
    int n = in.length;
    for (int delay : COMBS) {
      float[] line = new float[delay + spread];
      int cursor = 0;
      double store = 0;
      for (int i = 0; i < n; i++) {
        double y = line[cursor];
        store = y * (1 - damping) + store * damping;
        line[cursor] = (float) (in[i] * 0.25 + store * feedback);
        out[i] += (float) y;
        cursor = cursor + 1 == line.length ? 0 : cursor + 1;
      }
    }
    for (int delay : ALLPASSES) {
      float[] line = new float[delay + spread];
      int cursor = 0;
      for (int i = 0; i < n; i++) {
        double buffered = line[cursor];
        double x = out[i];
        line[cursor] = (float) (x + buffered * 0.5);
        out[i] = (float) (buffered - x);
        cursor = cursor + 1 == line.length ? 0 : cursor + 1;
      }
    }
  }
}
