package io.musicrec.jobs.serve;

import io.musicrec.discover.DiscoveryQueries;
import io.musicrec.discover.Diversity;
import io.musicrec.discover.Found;
import io.musicrec.store.Filter;
import io.musicrec.store.Recommendation;
import io.musicrec.store.VectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the API can do, free of HTTP: look tracks up, rank neighbours, recommend from examples and
 * search by uploaded audio, all on one collection of a {@link VectorStore}. Unknown track ids are
 * 404s here, before they reach the store.
 */
final class Discovery {
  private final VectorStore store;
  private final String collection;
  private final DiscoveryQueries queries;
  private final UploadEmbedder uploads;
  private final AtomicReference<Catalogue> catalogue = new AtomicReference<>();

  Discovery(VectorStore store, String collection, UploadEmbedder uploads) {
    this.store = store;
    this.collection = collection;
    this.uploads = uploads;
    this.queries = new DiscoveryQueries(store, collection);
    refresh();
  }

  Catalogue catalogue() {
    return catalogue.get();
  }

  /** Re-reads the track list, e.g. after an index run added tracks or switched the alias. */
  Catalogue refresh() {
    Catalogue fresh = Catalogue.load(store, collection);
    catalogue.set(fresh);
    return fresh;
  }

  Track track(String id) {
    return catalogue().get(id).orElseThrow(() -> ApiError.notFound("no track '" + id + "' in the index"));
  }

  List<Result> similar(String id, int k, Filter filter, Diversity diversity) {
    track(id);
    return results(queries.similar(id, k, filter, diversity));
  }

  List<Result> recommend(Recommendation request, Diversity diversity) {
    List<String> unknown = new ArrayList<>();
    LinkedHashSet<String> examples = new LinkedHashSet<>(request.positive());
    examples.addAll(request.negative());
    for (String id : examples) if (catalogue().get(id).isEmpty()) unknown.add(id);
    if (!unknown.isEmpty()) throw ApiError.notFound("no tracks " + unknown + " in the index");
    return results(queries.recommend(request, diversity));
  }

  List<Result> searchByAudio(Path upload, String displayName, int k, Filter filter, Diversity diversity) {
    float[] vector = uploads.embed(upload, displayName);
    return results(queries.search(vector, k, filter, diversity));
  }

  long storeCount() {
    return store.count(collection);
  }

  private static List<Result> results(List<Found> found) {
    return found.stream().map(Result::of).toList();
  }
}
