package io.musicrec.jobs.serve;

import io.musicrec.store.Filter;
import io.musicrec.store.Payloads;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every track of the collection, read once with {@link VectorStore#listPayloads} and held in
 * memory: name/artist search, lookups by id (which also decide what audio may be served) and the
 * facet counts. Immutable; the server swaps in a fresh one on refresh.
 */
final class Catalogue {
  /** By artist, then name; tracks without labels last. */
  private static final Comparator<Track> LISTING_ORDER = Comparator
      .comparing((Track t) -> t.artist() == null ? null : t.artist().toLowerCase(Locale.ROOT), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(t -> lower(t.name()))
      .thenComparing(Track::id);

  private final Map<String, Track> byId;
  private final List<Track> sorted;
  private final Map<Track, String> searchText;
  private final Facets facets;

  private Catalogue(Map<String, Track> byId) {
    this.byId = Collections.unmodifiableMap(byId);
    this.sorted = byId.values().stream()
        .sorted(LISTING_ORDER)
        .toList();
    this.searchText = sorted.stream().collect(Collectors.toMap(Function.identity(), Catalogue::searchText));
    this.facets = countFacets(sorted);
  }

  static Catalogue load(VectorStore store, String collection) {
    Map<String, Track> tracks = new TreeMap<>();
    store.listPayloads(collection, Track.FIELDS).forEach((id, payload) -> tracks.put(id, Track.fromPayload(id, payload)));
    return new Catalogue(tracks);
  }

  int size() {
    return byId.size();
  }

  Optional<Track> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  Facets facets() {
    return facets;
  }

  /**
   * Tracks whose id, name, artist or album contain every word of {@code query} (case-insensitive)
   * and that pass {@code filter}; names and artists that start with the query come first, then by
   * artist and name. A blank query lists the catalogue.
   */
  List<Track> find(String query, Filter filter, int limit) {
    String q = lower(query).trim();
    String[] words = q.isEmpty() ? new String[0] : q.split("\\s+");
    List<Track> matches = new ArrayList<>();
    for (Track track : sorted) {
      String text = searchText.get(track);
      boolean all = true;
      for (String word : words) {
        if (!text.contains(word)) {
          all = false;
          break;
        }
      }
      if (all && filter.test(payloadOf(track))) matches.add(track);
    }
    if (!q.isEmpty()) {
      matches.sort(Comparator.comparingInt((Track t) -> lower(t.name()).startsWith(q) || lower(t.artist()).startsWith(q) ? 0 : 1));
    }
    return matches.subList(0, Math.min(limit, matches.size()));
  }

  /** The keyword fields filters look at, as the store holds them. */
  static Map<String, Object> payloadOf(Track t) {
    Map<String, Object> payload = new HashMap<>();
    payload.put(Payloads.GENRE, t.genre());
    payload.put(Payloads.ARTIST, t.artist());
    payload.put(Payloads.SUBGENRES, t.subgenres());
    return payload;
  }

  private static String searchText(Track t) {
    return Stream.of(t.id(), t.name(), t.artist(), t.album())
        .filter(Objects::nonNull)
        .collect(Collectors.joining(" "))
        .toLowerCase(Locale.ROOT);
  }

  private static Facets countFacets(List<Track> tracks) {
    Map<String, Long> genres = new TreeMap<>();
    Map<String, Long> subgenres = new TreeMap<>();
    for (Track t : tracks) {
      if (t.genre() != null) genres.merge(t.genre(), 1L, Long::sum);
      for (String s : t.subgenres()) subgenres.merge(s, 1L, Long::sum);
    }
    return new Facets(tracks.size(), byCount(genres), byCount(subgenres));
  }

  private static List<Facets.Count> byCount(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> new Facets.Count(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(Facets.Count::count).reversed().thenComparing(Facets.Count::value))
        .toList();
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
