package io.musicrec.jobs.serve;

import io.musicrec.store.Hit;

/** One ranked track: its id, the store's score (see {@link Hit#score()}) and what to show. */
public record Result(String id, float score, Track track) {
  static Result of(Hit hit) {
    return new Result(hit.trackId(), hit.score(), Track.fromPayload(hit.trackId(), hit.payload()));
  }
}
