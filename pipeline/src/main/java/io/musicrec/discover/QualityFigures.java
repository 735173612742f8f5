package io.musicrec.discover;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What users notice in the top-k "similar" lists of every track, under one diversity setting.
 *
 * @param meanResults results per list (fewer than k when an artist cap leaves too few candidates)
 * @param genrePrecision share of the k slots holding a track of the query's genre (also album,
 *     artist); an empty slot counts as a miss, so a cap cannot raise precision by returning less
 * @param topArtistShare share of the k slots held by the list's most frequent artist: runs of one
 *     artist, what {@code --max-per-artist} bounds
 * @param hubness skewness of N_k, the number of lists each track appears in: large and positive
 *     when a few "hub" tracks show up for almost every query
 * @param maxOccurrence the largest N_k: in how many lists the biggest hub appears
 * @param coverage share of the catalogue that appears in at least one list
 * @param duplicateShare share of the k slots holding a copy (same {@code duplicate_group}, marked by
 *     {@code musicrec dedup}) of the query or of a result above it
 */
public record QualityFigures(
    @JsonProperty("mean_results") double meanResults,
    @JsonProperty("genre_precision_at_k") double genrePrecision,
    @JsonProperty("album_precision_at_k") double albumPrecision,
    @JsonProperty("artist_precision_at_k") double artistPrecision,
    @JsonProperty("top_artist_share") double topArtistShare,
    @JsonProperty("hubness_skew") double hubness,
    @JsonProperty("max_occurrence") int maxOccurrence,
    @JsonProperty("coverage") double coverage,
    @JsonProperty("duplicate_share") double duplicateShare) {}
