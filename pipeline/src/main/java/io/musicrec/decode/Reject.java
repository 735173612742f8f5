package io.musicrec.decode;

/**
 * A track the decoder could not turn into a clip.
 *
 * @param path the track's path as given
 * @param reason the classification, one of {@link RejectReason}
 * @param detail a short human-readable explanation (ffmpeg's message, the I/O error, the length)
 */
public record Reject(String path, RejectReason reason, String detail) implements DecodeResult {}
