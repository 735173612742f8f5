package io.musicrec.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Composes and synthesizes one track of an artist: a chord progression, drums, a bass line,
 * comping and a motif-based melody, mixed with a room, as interleaved stereo float PCM at 44.1 kHz.
 * Everything random comes from the given generator, so a seed fixes the PCM bit for bit.
 */
final class TrackRenderer {
  private static final double PEAK = 0.89;

  private final ArtistStyle artist;
  private final GenreStyle style;
  private final SplittableRandom random;
  private final int frames;
  private final int stepsPerBar;
  private final double stepFrames;
  private final int[] progression;
  private final boolean humanize;
  private final Stereo dry;
  private final Stereo tonal;
  private final Voice bass;
  private final Voice comp;
  private final Voice lead;
  private final int bassTonic;
  private final int compTonic;
  private final int leadLow;

  private TrackRenderer(ArtistStyle artist, double seconds, SplittableRandom random) {
    this.artist = artist;
    this.style = artist.style();
    this.random = random;
    this.frames = (int) Math.round(seconds * Stereo.RATE);
    this.stepsPerBar = style.stepsPerBar();
    double bpm = artist.bpm() * random.nextDouble(0.97, 1.03);
    this.stepFrames = 60.0 / bpm / 4 * Stereo.RATE;
    this.progression = random.nextDouble() < 0.7
        ? style.progressions().get(artist.progression())
        : style.progressions().get(random.nextInt(style.progressions().size()));
    this.humanize = style.genre() != Genre.ELECTRONIC;
    this.dry = new Stereo(frames);
    this.tonal = new Stereo(frames);
    this.bass = new Voice(artist.bass());
    this.comp = new Voice(artist.comp());
    this.lead = new Voice(artist.lead());
    this.bassTonic = 28 + artist.key() + (artist.key() < 4 ? 12 : 0);
    this.compTonic = 48 + artist.key();
    this.leadLow = 57 + 12 * artist.leadOctave();
  }

  /** Interleaved stereo PCM of {@code seconds}, peak-normalised. */
  static float[] render(ArtistStyle artist, double seconds, SplittableRandom random) {
    return new TrackRenderer(artist, seconds, random).render();
  }

  private float[] render() {
    int bars = (int) Math.ceil(frames / (stepFrames * stepsPerBar)) + 1;
    Motif motif = new Motif(random, style.beatsPerBar() * 2, style.leadDensity());
    for (int bar = 0; bar < bars; bar++) {
      int degree = progression[bar % progression.length];
      int next = progression[(bar + 1) % progression.length];
      drums(bar);
      bass(bar, degree, next);
      comp(bar, degree);
      lead(bar, degree, motif);
    }
    Stereo wet = Reverb.process(tonal, artist.roomSize(), artist.roomDamping());
    dry.addScaled(tonal, 1);
    dry.addScaled(wet, artist.reverbSend());
    return dry.master(PEAK);
  }

  private int frameAt(int bar, double step) {
    double swung = step;
    if (step == Math.floor(step) && ((int) step) % 4 == 2) {
      swung += style.swing() * 2;
    }
    int jitter = humanize ? random.nextInt(-120, 121) : 0;
    return (int) Math.round((bar * stepsPerBar + swung) * stepFrames) + jitter;
  }

  private int length(double steps) {
    return (int) (steps * stepFrames);
  }

  private double humanVelocity() {
    return humanize ? random.nextDouble(0.88, 1.0) : 1;
  }

  private void drums(int bar) {
    DrumKit kit = artist.kit();
    for (Map.Entry<Drum, String> e : artist.drums().entrySet()) {
      String pattern = e.getValue();
      for (int step = 0; step < stepsPerBar; step++) {
        double velocity = velocity(pattern.charAt((bar * stepsPerBar + step) % pattern.length()));
        if (velocity > 0) {
          kit.hit(e.getKey(), dry, frameAt(bar, step), velocity * artist.drumLevel() * humanVelocity(), random);
        }
      }
    }
    if (bar % 8 == 7 && artist.drums().containsKey(Drum.SNARE)) {
      for (int step = stepsPerBar - 4; step < stepsPerBar; step++) {
        double rise = 0.4 + 0.15 * (step - stepsPerBar + 4);
        kit.hit(Drum.SNARE, dry, frameAt(bar, step), rise * artist.drumLevel(), random);
      }
    }
  }

  private static double velocity(char c) {
    return switch (c) {
      case 'X' -> 1.0;
      case 'x' -> 0.8;
      case 'o' -> 0.55;
      case 'g' -> 0.3;
      default -> 0;
    };
  }

  private void bass(int bar, int degree, int nextDegree) {
    Scale scale = style.scale();
    int root = bassTonic + scale.semitones(degree);
    int third = bassTonic + scale.semitones(degree + 2);
    int fifth = bassTonic + scale.semitones(degree + 4);
    int seventh = bassTonic + scale.semitones(degree + 6);
    int nextRoot = bassTonic + scale.semitones(nextDegree);
    int octave = root + 12;
    int beats = style.beatsPerBar();
    List<Note> notes = new ArrayList<>();
    switch (style.bass()) {
      case SUSTAIN -> notes.add(new Note(0, stepsPerBar - 0.2, root));
      case QUARTERS -> {
        for (int b = 0; b < beats; b++) {
          notes.add(new Note(4 * b, 3.4, b == 2 ? fifth : root));
        }
      }
      case EIGHTHS -> {
        for (int s = 0; s < stepsPerBar; s += 2) {
          notes.add(new Note(s, 1.7, root));
        }
      }
      case ROOT_FIFTH -> {
        double held = beats == 3 ? 3.6 : 7.4;
        notes.add(new Note(0, held, root));
        notes.add(new Note(8, held, fifth));
      }
      case WALKING -> {
        int[] middle = {third, fifth, octave, root + scale.semitones(degree + 5) - scale.semitones(degree)};
        for (int b = 0; b < beats; b++) {
          int pitch = b == 0 ? root
              : b == beats - 1 ? nextRoot + (random.nextBoolean() ? 1 : -1)
              : middle[random.nextInt(middle.length)];
          notes.add(new Note(4 * b, 3.5, pitch));
        }
      }
      case REGGAE -> {
        notes.add(new Note(0, 5, root));
        notes.add(new Note(6, 2, root));
        notes.add(new Note(10, 1.5, fifth));
        notes.add(new Note(12, 3, octave));
      }
      case TUMBAO -> {
        notes.add(new Note(6, 5.5, fifth));
        notes.add(new Note(12, 5.5, nextRoot));
      }
      case FUNK -> {
        notes.add(new Note(0, 2, root));
        notes.add(new Note(3, 0.8, octave));
        notes.add(new Note(6, 0.8, root));
        notes.add(new Note(7, 0.8, seventh));
        notes.add(new Note(10, 2, root));
        notes.add(new Note(14, 0.8, octave));
      }
      case OCTAVES -> {
        for (int s = 0; s < stepsPerBar; s += 2) {
          notes.add(new Note(s, 1.5, (s / 2) % 2 == 0 ? root : octave));
        }
      }
      case OFFBEAT -> {
        for (int s = 2; s < stepsPerBar; s += 4) {
          notes.add(new Note(s, 1.5, root));
        }
      }
      case KICK -> {
        String kick = artist.drums().get(Drum.KICK);
        if (kick == null) {
          notes.add(new Note(0, stepsPerBar - 0.2, root));
          break;
        }
        int offset = (bar * stepsPerBar) % kick.length();
        List<Integer> onsets = new ArrayList<>();
        for (int s = 0; s < stepsPerBar; s++) {
          if (kick.charAt(offset + s) != '.') {
            onsets.add(s);
          }
        }
        for (int i = 0; i < onsets.size(); i++) {
          int end = i + 1 < onsets.size() ? onsets.get(i + 1) : stepsPerBar;
          notes.add(new Note(onsets.get(i), Math.min(8, end - onsets.get(i)) - 0.3, root));
        }
      }
    }
    for (Note n : notes) {
      if (n.step() < stepsPerBar) {
        bass.play(dry, frameAt(bar, n.step()), length(n.steps()), n.midi(), artist.bassLevel() * humanVelocity(), 0, random);
      }
    }
  }

  private void comp(int bar, int degree) {
    int[] chord = style.scale().chord(compTonic, degree, style.sevenths());
    int root = chord[0];
    switch (style.comping()) {
      case PAD -> chord(bar, 0, stepsPerBar + 0.5, chord);
      case BLOCK -> {
        for (int b = 0; b < style.beatsPerBar(); b++) {
          chord(bar, 4 * b, 3.4, chord);
        }
      }
      case HALF -> {
        chord(bar, 0, style.beatsPerBar() == 3 ? 11 : 7.5, chord);
        if (style.beatsPerBar() == 4) {
          chord(bar, 8, 7.5, chord);
        }
      }
      case SKANK -> {
        for (int s = 4; s < stepsPerBar; s += 8) {
          chord(bar, s, 1.2, chord);
        }
      }
      case OFFBEAT -> {
        for (int s = 2; s < stepsPerBar; s += 4) {
          chord(bar, s, 1.2, chord);
        }
      }
      case STRUM -> {
        for (int s = 0; s < stepsPerBar; s += 2) {
          chord(bar, s, 1.8, chord);
        }
      }
      case POWER -> {
        int[] power = {root - 12, root - 5, root};
        for (int s = 0; s < stepsPerBar; s += 2) {
          chord(bar, s, 1.7, power);
        }
      }
      case ARP16, ARP8 -> {
        int every = style.comping() == GenreStyle.Comping.ARP16 ? 1 : 2;
        int[] up = new int[chord.length + 1];
        System.arraycopy(chord, 0, up, 0, chord.length);
        up[chord.length] = root + 12;
        int cycle = 2 * up.length - 2;
        for (int s = 0, i = 0; s < stepsPerBar; s += every, i++) {
          int k = i % cycle;
          arpeggioNote(bar, s, every * 1.5, up[k < up.length ? k : cycle - k]);
        }
      }
      case MONTUNO -> {
        int[] steps = {0, 3, 6, 8, 10, 12, 14};
        int[] low = {root, root + 12};
        int[] high = {chord[1], chord[2]};
        for (int i = 0; i < steps.length; i++) {
          chord(bar, steps[i], 1.4, i % 2 == 0 ? low : high);
        }
      }
      case CHARLESTON -> {
        boolean late = random.nextDouble() < 0.3;
        chord(bar, late ? 2 : 0, 2.5, chord);
        chord(bar, late ? 10 : 6, 1.5, chord);
      }
      case FUNK16 -> stabs(bar, "x..x..x...x.x...", 0.8, chord);
      case BOSSA -> stabs(bar, "x..x..x...x..x..", 1.5, chord);
      case WALTZ -> {
        chord(bar, 4, 3, chord);
        chord(bar, 8, 3, chord);
      }
    }
  }

  private void stabs(int bar, String pattern, double steps, int[] chord) {
    for (int s = 0; s < Math.min(stepsPerBar, pattern.length()); s++) {
      if (pattern.charAt(s) == 'x') {
        chord(bar, s, steps, chord);
      }
    }
  }

  private void chord(int bar, double step, double steps, int[] notes) {
    int start = frameAt(bar, step);
    int held = length(steps);
    double velocity = artist.compLevel() * humanVelocity() / Math.sqrt(notes.length);
    for (int i = 0; i < notes.length; i++) {
      comp.play(tonal, start + i * (humanize ? 90 : 0), held, notes[i], velocity, artist.compPan(), random);
    }
  }

  private void arpeggioNote(int bar, double step, double steps, int midi) {
    comp.play(tonal, frameAt(bar, step), length(steps), midi, artist.compLevel() * humanVelocity() * 0.8, artist.compPan(), random);
  }

  private void lead(int bar, int degree, Motif motif) {
    int phrase = bar / 2;
    if (phrase % 4 == 3) {
      return;
    }
    int per = style.beatsPerBar() * 2;
    int half = bar % 2;
    for (int i = 0; i < per; i++) {
      int pos = half * per + i;
      if (!motif.onset[pos]) {
        continue;
      }
      int offset = motif.degrees[pos];
      if (phrase % 4 == 2 && pos >= motif.onset.length - per / 2) {
        offset += random.nextInt(-2, 3);
      }
      int midi = 48 + artist.key() + style.scale().semitones(degree + offset);
      while (midi < leadLow) {
        midi += 12;
      }
      while (midi > leadLow + 24) {
        midi -= 12;
      }
      double steps = 2 * motif.lengths[pos] * 0.9;
      lead.play(tonal, frameAt(bar, 2 * i), length(steps), midi, artist.leadLevel() * random.nextDouble(0.75, 0.95),
          artist.leadPan(), random);
    }
  }

  private record Note(double step, double steps, int midi) {}

  /** A two-bar melodic idea on the 8th-note grid that the lead repeats and varies over the chords. */
  private static final class Motif {
    final boolean[] onset;
    final int[] degrees;
    final int[] lengths;

    Motif(SplittableRandom random, int eighthsPerBar, double density) {
      int n = 2 * eighthsPerBar;
      onset = new boolean[n];
      degrees = new int[n];
      lengths = new int[n];
      int[] moves = {-2, -1, -1, 0, 1, 1, 2, 3, -3};
      int[] chordTones = {0, 2, 4, 7, 9};
      int current = random.nextInt(5) * 2 % 7;
      for (int pos = 0; pos < n; pos++) {
        boolean strong = pos % 2 == 0;
        double p = pos == 0 ? 1 : density + (strong ? 0.15 : -0.1);
        if (pos == n - 1 || random.nextDouble() >= p) {
          continue;
        }
        onset[pos] = true;
        current = Math.max(-2, Math.min(9, current + moves[random.nextInt(moves.length)]));
        if (strong) {
          int best = chordTones[0];
          for (int tone : chordTones) {
            if (Math.abs(tone - current) < Math.abs(best - current)) {
              best = tone;
            }
          }
          current = best;
        }
        degrees[pos] = current;
      }
      for (int pos = 0; pos < n; pos++) {
        if (onset[pos]) {
          int next = pos + 1;
          while (next < n && !onset[next]) {
            next++;
          }
          lengths[pos] = Math.min(4, next - pos);
        }
      }
    }
  }
}
