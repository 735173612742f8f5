/**
 * {@link io.musicrec.reject.RejectCode}: the one typed reason a track is left out, shared by the
 * listing, the decoder, the embedder and the index job, with its stable report text and whether it
 * is transient (says nothing about the file).
 */
package io.musicrec.reject;
