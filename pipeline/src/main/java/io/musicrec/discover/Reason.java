package io.musicrec.discover;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Why a track is in the results, for people ({@code text}) and programs (the other fields).
 *
 * @param kind {@code closest_like} (recommendations: the liked track this result is nearest to),
 *     {@code decided_by} (best_score: the example whose similarity set the score; {@code disliked}
 *     says whether it was a dislike), {@code shared_tags} (similar tracks: top tags the result shares
 *     with the query track), {@code sounds_like} (similar tracks without shared tags, and audio
 *     searches: the cosine to the query)
 * @param track the example or query track the reason points at (null for an uploaded file)
 * @param similarity cosine between the result and {@code track} (or the query)
 * @param sharedTags for {@code shared_tags}: the shared tags, in the query track's order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String kind, String track, Boolean disliked, Double similarity, List<String> sharedTags, String text) {}
