package io.musicrec.corpus;

/** Synthesized percussion; each has a fixed place in the stereo field. */
enum Drum {
  KICK(0),
  SNARE(0.05),
  CLAP(-0.05),
  RIM(0.2),
  HAT(0.3),
  OPEN_HAT(0.3),
  RIDE(-0.35),
  SHAKER(0.5),
  CLAVE(0.4),
  CONGA_LOW(-0.4),
  CONGA_HIGH(-0.25),
  COWBELL(0.35);

  final double pan;

  Drum(double pan) {
    this.pan = pan;
  }
}
