package io.musicrec.decode;

import io.musicrec.reject.RejectCode;


/**
 * A track the decoder could not turn into a clip.
 *
 * @param path the track's path as given
 * @param reason the classification, one of {@link RejectCode}
 * @param detail a short human-readable explanation (ffmpeg's message, the I/O error, the length)
 */
public record Reject(String path, RejectCode reason, String detail) implements DecodeResult {}
