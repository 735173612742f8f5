package io.musicrec.discover;

import io.musicrec.store.Hit;

/**
 * A result the store ranked, with its unit vector (to compare candidates with each other) and its
 * relevance on a cosine-like scale (to weigh against that similarity in MMR).
 */
public record Candidate(Hit hit, float[] vector, double relevance) {}
