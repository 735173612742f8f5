/**
 * The vector index stage: one {@link io.musicrec.store.VectorStore} interface with Qdrant's query
 * semantics and two implementations, {@link io.musicrec.store.embedded.EmbeddedStore} (Lucene HNSW
 * on local disk, the default) and {@link io.musicrec.store.qdrant.QdrantStore} (gRPC), opened by
 * {@link io.musicrec.store.VectorStores#open} from {@code embedded:DIR}, {@code qdrant://host:port}
 * or {@code qdrants://host:port}.
 *
 * <p>Point ids are UUID v5 of the track id ({@link io.musicrec.store.PointIds}); every payload
 * carries {@code track_id}. Vectors are L2-normalised on insert and all scores are cosine based.
 * Search by track id excludes the track itself; recommendations exclude their examples.
 */
package io.musicrec.store;
