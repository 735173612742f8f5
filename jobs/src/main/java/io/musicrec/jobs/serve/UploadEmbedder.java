package io.musicrec.jobs.serve;

import io.musicrec.config.Settings;
import io.musicrec.decode.AudioDecoder;
import io.musicrec.decode.DecodeOptions;
import io.musicrec.decode.DecodeResult;
import io.musicrec.decode.DecodedClip;
import io.musicrec.decode.InputStreamOpener;
import io.musicrec.decode.Reject;
import io.musicrec.embed.EmbedRejection;
import io.musicrec.embed.BatchingEmbedder;
import io.musicrec.model.ModelSpec;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Turns an uploaded file into a query vector exactly as the index job treats a catalogue track:
 * the same decoder, clip policy and model settings, so an uploaded copy of an indexed track
 * lands on that track. Only the time limit differs: an upload gets {@code timeoutS}. The server owns
 * the model: it is opened on the first upload (a server that gets none never loads it) and closed
 * with the server.
 */
final class UploadEmbedder implements AutoCloseable {
  private final ModelSpec spec;
  private final Settings.Embed embed;
  private final AudioDecoder decoder;
  private BatchingEmbedder embedder; // guarded by this; null until the first upload

  UploadEmbedder(ModelSpec spec, Settings.Decode decode, Settings.Embed embed, int timeoutS) {
    this.spec = spec;
    this.embed = embed;
    this.decoder = new AudioDecoder(new DecodeOptions(spec.sampleRate(), spec.clip(), timeoutS, decode.maxSeconds()));
  }

  /** The embedding of {@code file}; an undecodable file is an {@link ApiError} naming the reason. */
  float[] embed(Path file, String displayName) {
    DecodeResult result = decoder.decode(displayName, InputStreamOpener.of(file));
    if (result instanceof Reject reject) throw rejected(reject);
    try {
      return embedder().embed(((DecodedClip) result).windows()).vector();
    } catch (EmbedRejection e) {
      throw new ApiError(422, "not_embeddable", "the audio could not be embedded: " + e.getMessage());
    }
  }

  private synchronized BatchingEmbedder embedder() {
    if (embedder == null) embedder = BatchingEmbedder.open(spec, embed, OptionalInt.empty());
    return embedder;
  }

  @Override
  public synchronized void close() {
    if (embedder != null) embedder.close();
    embedder = null;
  }

  /**
   * Status by whose fault it is: the file is not audio at all (415), the audio is unusable (422),
   * the server could not read its own temporary copy (500).
   */
  private static ApiError rejected(Reject reject) {
    int status = switch (reject.reason()) {
      case NOT_AUDIO, UNSUPPORTED -> 415;
      case EMPTY -> 400;
      // IO_ERROR: the server's own copy; the rest: listing or model codes the decoder never gives
      case IO_ERROR, NOT_A_FILE, BROKEN_LINK, DUPLICATE_ID, NON_FINITE_INPUT, NON_FINITE_OUTPUT -> 500;
      case CORRUPT, TRUNCATED, TOO_SHORT, SILENT, TIMEOUT -> 422;
    };
    return new ApiError(status, reject.reason().code(), describe(reject));
  }

  private static String describe(Reject reject) {
    return switch (reject.reason()) {
      case NOT_AUDIO -> "not an audio file: " + reject.detail();
      case EMPTY -> "the upload is empty";
      case CORRUPT -> "the file is not audio that can be decoded: " + reject.detail();
      case TRUNCATED -> "the audio file is cut short: " + reject.detail();
      case TOO_SHORT -> "the audio is too short for the model: " + reject.detail();
      case SILENT -> "the audio is silent: " + reject.detail();
      case TIMEOUT -> "decoding took too long: " + reject.detail();
      case UNSUPPORTED -> "an audio format this server cannot decode: " + reject.detail();
      case IO_ERROR, NOT_A_FILE, BROKEN_LINK, DUPLICATE_ID, NON_FINITE_INPUT, NON_FINITE_OUTPUT ->
          "the upload could not be read: " + reject.detail();
    };
  }
}
