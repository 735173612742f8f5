package io.musicrec.discover;

import io.musicrec.store.Hit;

/** One result of a discovery query: the store's hit and why it is there. */
public record Found(Hit hit, Reason reason) {}
