package io.musicrec.decode;

/** One track to decode: its path (echoed in the result) and how to open its bytes. */
public record DecodeInput(String path, InputStreamOpener opener) {}
