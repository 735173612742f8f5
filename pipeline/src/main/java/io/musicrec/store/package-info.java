/**
 * The vector index stage: one {@link io.musicrec.store.VectorStore} interface with Qdrant's query
 * semantics and two implementations, {@link io.musicrec.store.embedded.EmbeddedStore} (Lucene HNSW
 * on local disk, the default) and {@link io.musicrec.store.qdrant.QdrantStore} (gRPC), opened by
 * {@link io.musicrec.store.VectorStores#open} from {@code embedded:DIR}, {@code qdrant://host:port}
 * or {@code qdrants://host:port}.
 *
 * <p>Both extend {@link io.musicrec.store.AbstractVectorStore}, which holds the policy they share
 * (dimension checks, versions behind an alias, completeness marks, alias-switch checks, which old
 * versions a cleanup drops); a store adds its primitives, points and queries. The store contract
 * is {@code StoreConformanceTest} (pipeline tests): a third store is one more subclass of it.
 * Qdrant messages are built with the client's own factories ({@code QdrantProtos}).
 *
 * <p>Point ids are UUID v5 of the track id ({@link io.musicrec.store.PointIds}); every payload
 * carries {@code track_id}. Vectors are L2-normalised on insert and all scores are cosine based.
 * Search by track id excludes the track itself; recommendations exclude their examples.
 */
package io.musicrec.store;
