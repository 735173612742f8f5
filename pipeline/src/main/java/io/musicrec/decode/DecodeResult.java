package io.musicrec.decode;

/** The outcome of decoding one track: its clip(s), or the reason it was rejected. */
public sealed interface DecodeResult permits DecodedClip, Reject {
  /** The track's path exactly as given to the decoder. */
  String path();
}
