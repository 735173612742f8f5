package io.musicrec.jobs.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.musicrec.discover.Found;
import io.musicrec.discover.Reason;

/**
 * One ranked track: its id, the store's score (see {@link io.musicrec.store.Hit#score()}), what to
 * show, and why it is there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(String id, float score, Track track, Reason reason) {
  static Result of(Found found) {
    return new Result(found.hit().trackId(), found.hit().score(),
        Track.fromPayload(found.hit().trackId(), found.hit().payload()), found.reason());
  }
}
