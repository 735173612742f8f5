package io.musicrec.corpus;

/** Diatonic and modal scales; chords are stacked thirds inside the scale. */
enum Scale {
  MAJOR(0, 2, 4, 5, 7, 9, 11),
  MINOR(0, 2, 3, 5, 7, 8, 10),
  HARMONIC_MINOR(0, 2, 3, 5, 7, 8, 11),
  DORIAN(0, 2, 3, 5, 7, 9, 10),
  MIXOLYDIAN(0, 2, 4, 5, 7, 9, 10);

  private final int[] steps;

  Scale(int... steps) {
    this.steps = steps;
  }

  /** Semitones above the tonic of a scale degree; degrees outside 0..6 wrap into other octaves. */
  int semitones(int degree) {
    int octave = Math.floorDiv(degree, steps.length);
    return 12 * octave + steps[Math.floorMod(degree, steps.length)];
  }

  /** MIDI notes of the chord built on {@code rootDegree}: a triad, or a seventh chord. */
  int[] chord(int tonicMidi, int rootDegree, boolean seventh) {
    int[] notes = new int[seventh ? 4 : 3];
    for (int i = 0; i < notes.length; i++) {
      notes[i] = tonicMidi + semitones(rootDegree + 2 * i);
    }
    return notes;
  }
}
