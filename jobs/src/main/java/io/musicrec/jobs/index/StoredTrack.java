package io.musicrec.jobs.index;

import java.io.Serializable;

/**
 * What the store holds for a track, as incremental runs compare it (read from its payload by
 * {@link TrackPayload#stored}). Travels to executors inside the {@link IncrementalPlan}.
 *
 * @param contentHash the SHA-256 of the file the vector was made from (null in a payload without one)
 * @param model the fingerprint of the model that made it ({@code ModelSpec.fingerprint})
 * @param labelsHash the digest of the label fields it was stored with
 */
record StoredTrack(String contentHash, String model, String labelsHash) implements Serializable {}
