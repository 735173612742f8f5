package io.musicrec.corpus;

import java.util.SplittableRandom;

/** Plays notes of one {@link Timbre} into a {@link Stereo} buffer. */
final class Voice {
  /** -54 dB: below this a decaying note is inaudible under the mix, and stopping there saves most of the synthesis time. */
  private static final double SILENT = 2e-3;

  private final Timbre timbre;
  private final Wavetable table;

  Voice(Timbre timbre) {
    this.timbre = timbre;
    this.table = timbre.oscillator() == Timbre.Oscillator.TABLE ? new Wavetable(timbre.harmonics()) : Wavetable.SINE;
  }

  /**
   * Adds one note.
   *
   * @param start first frame
   * @param held frames the note is held before its release
   * @param midi MIDI pitch
   * @param velocity 0..1
   * @param pan -1 (left) .. 1 (right)
   * @param random source of the pluck excitation
   */
  void play(Stereo out, int start, int held, int midi, double velocity, double pan, SplittableRandom random) {
    Timbre t = timbre;
    int rate = Stereo.RATE;
    int end = Math.min(out.frames(), start + held + (int) (t.release() * 7 * rate));
    if (start < 0 || start >= end) {
      return;
    }
    double freq = 440 * Math.pow(2, (midi - 69) / 12.0);
    double amp = velocity * t.gain();
    double gainLeft = amp * Stereo.panLeft(pan);
    double gainRight = amp * Stereo.panRight(pan);

    int attack = Math.max(1, (int) (t.attack() * rate));
    double decayStep = Math.exp(-1 / (t.decay() * rate));
    double releaseStep = Math.exp(-1 / (t.release() * rate));
    double decaying = 1;
    double level = 0;

    double increment = freq / rate;
    double phase = 0;
    double phase2 = 0.25;
    double modPhase = 0;
    double vibratoPhase = 0;
    double vibratoStep = t.vibratoHz() / rate;
    double lowpass = t.cutoffHz() > 0 ? 1 - Math.exp(-2 * Math.PI * t.cutoffHz() / rate) : 1;
    double filtered = 0;
    double drive = t.drive();
    double driveNorm = 1 + drive;

    float[] line = null;
    int lineLength = 0;
    int cursor = 0;
    double damping = t.pluckDamping();
    if (t.oscillator() == Timbre.Oscillator.PLUCK) {
      lineLength = Math.max(2, (int) Math.round(rate / freq));
      line = new float[lineLength];
      double smooth = 0;
      for (int i = 0; i < lineLength; i++) {
        smooth += (1 - 0.6 * damping) * (random.nextDouble(-1, 1) - smooth);
        line[i] = (float) smooth;
      }
    }

    for (int i = start; i < end; i++) {
      int k = i - start;
      if (k < held) {
        if (k < attack) {
          level = (double) k / attack;
        } else {
          decaying *= decayStep;
          level = t.sustain() + (1 - t.sustain()) * decaying;
          if (level < SILENT) {
            break;
          }
        }
      } else {
        level *= releaseStep;
        if (level < SILENT) {
          break;
        }
      }

      double vibrato = 1;
      if (t.vibratoDepth() > 0) {
        vibrato += t.vibratoDepth() * Wavetable.SINE.at(vibratoPhase);
        vibratoPhase += vibratoStep;
      }

      double s;
      switch (t.oscillator()) {
        case FM -> {
          double modulation = t.fmIndex() * level * Wavetable.SINE.at(modPhase) / (2 * Math.PI);
          s = Wavetable.SINE.at(phase + modulation);
          modPhase += increment * t.fmRatio() * vibrato;
        }
        case PLUCK -> {
          int next = cursor + 1 == lineLength ? 0 : cursor + 1;
          float current = line[cursor];
          s = current;
          line[cursor] = (float) (0.9996 * ((1 - damping) * current + damping * 0.5 * (current + line[next])));
          cursor = next;
        }
        default -> {
          s = table.at(phase);
          if (t.detune() > 0) {
            s = 0.5 * (s + table.at(phase2));
            phase2 += increment * (1 + t.detune()) * vibrato;
          }
        }
      }
      phase += increment * vibrato;
      if (phase >= 1) {
        phase -= 1;
      }

      filtered += lowpass * (s - filtered);
      s = filtered;
      if (drive > 0) {
        double x = s * driveNorm;
        s = x / (1 + Math.abs(x));
      }
      double v = s * level;
      out.left[i] += (float) (v * gainLeft);
      out.right[i] += (float) (v * gainRight);
    }
  }
}
