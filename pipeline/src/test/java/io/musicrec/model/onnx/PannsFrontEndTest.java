package io.musicrec.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mel filters follow librosa's Slaney definition. */
class PannsFrontEndTest {
  @Test
  void slaneyMelScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
    assertEquals(15.0, MelFilterBank.hzToMel(1000), 1e-12);
    assertEquals(3.0, MelFilterBank.hzToMel(200), 1e-12);
    assertEquals(15 + 27, MelFilterBank.hzToMel(6400), 1e-9, "27 mels per factor 6.4 above 1 kHz");
    for (double hz : new double[] {50, 700, 1000, 5000, 14000}) {
      assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz)), 1e-9);
    }
  }

  @Test
  void filtersAreAreaNormalisedTrianglesSpanning50To14000Hz() {
    float[][] w = PannsFrontEnd.melFilterBank();
    assertEquals(513, w.length);
    assertEquals(64, w[0].length);
    double binHz = 32000.0 / 1024;
    double lowestEdge = Double.MAX_VALUE;
    double highestEdge = 0;
    for (int m = 0; m < 64; m++) {
      double area = 0;
      int peak = 0;
      for (int k = 0; k < 513; k++) {
        assertTrue(w[k][m] >= 0);
        area += w[k][m] * binHz;
        if (w[k][m] > w[peak][m]) peak = k;
        if (w[k][m] > 0) {
          lowestEdge = Math.min(lowestEdge, k * binHz);
          highestEdge = Math.max(highestEdge, k * binHz);
        }
      }
      // Slaney normalisation gives each continuous triangle unit area; sampled wide ones come close.
      if (m >= 32) assertEquals(1.0, area, 0.05, "band " + m);
      assertTrue(peak > 0, "band " + m + " sees at least one FFT bin");
    }
    assertTrue(lowestEdge > 50 && lowestEdge < 50 + 2 * binHz, "lowest weighted bin " + lowestEdge);
    assertTrue(highestEdge < 14000 && highestEdge > 14000 - 2 * 1.1 * binHz * 10, "highest weighted bin " + highestEdge);
  }
}
