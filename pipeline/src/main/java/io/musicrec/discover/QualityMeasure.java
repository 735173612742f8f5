package io.musicrec.discover;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.Payloads;
import io.musicrec.store.VectorStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures an index as users meet it: every track (up to {@code maxTracks}, in the store's order)
 * asks for its k similar tracks through {@link DiscoveryQueries}, once as the store ranks them and
 * once diversified; labels (genre, album, artist) come from the payload.
 */
public final class QualityMeasure {
  private static final List<String> FIELDS = List.of(Payloads.GENRE, Payloads.ALBUM, Payloads.ARTIST);
  private static final List<String> READ = List.of(Payloads.GENRE, Payloads.ALBUM, Payloads.ARTIST, Duplicates.GROUP);

  /**
   * @param random precision@k a random ranking would get, per field: the chance that another track
   *     shares the query's value (tracks without the field score 0 as queries and form no group)
   */
  public record Report(
      int tracks,
      int k,
      Diversity diversity,
      @JsonProperty("random") Map<String, Double> random,
      @JsonProperty("store_order") QualityFigures plain,
      @JsonProperty("diversified") QualityFigures diversified) {}

  private QualityMeasure() {}

  public static Report measure(VectorStore store, String collection, int k, Diversity diversity, int maxTracks) {
    Map<String, Map<String, Object>> labels = store.listPayloads(collection, READ, maxTracks);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("collection '" + collection + "' has " + labels.size()
          + " tracks; the quality report needs at least 2");
    }
    DiscoveryQueries queries = new DiscoveryQueries(store, collection);
    Map<String, List<Hit>> plain = new LinkedHashMap<>();
    Map<String, List<Hit>> diversified = new LinkedHashMap<>();
    for (String id : labels.keySet()) {
      plain.put(id, hits(queries.similar(id, k, Filter.NONE, Diversity.NONE)));
      diversified.put(id, hits(queries.similar(id, k, Filter.NONE, diversity)));
    }
    Map<String, Double> random = new LinkedHashMap<>();
    for (String field : FIELDS) random.put(field, round(randomBaseline(labels, field)));
    return new Report(labels.size(), k, diversity, random, figures(plain, labels, k), figures(diversified, labels, k));
  }

  private static List<Hit> hits(List<Found> found) {
    return found.stream().map(Found::hit).toList();
  }

  static QualityFigures figures(Map<String, List<Hit>> lists, Map<String, Map<String, Object>> labels, int k) {
    double results = 0;
    double[] precision = new double[FIELDS.size()];
    double topArtist = 0;
    double duplicates = 0;
    Map<String, Integer> occurrences = new HashMap<>();
    for (String id : labels.keySet()) occurrences.put(id, 0);
    for (var e : lists.entrySet()) {
      List<Hit> hits = e.getValue();
      results += hits.size();
      Map<String, Object> query = labels.get(e.getKey());
      for (int f = 0; f < FIELDS.size(); f++) {
        Object value = query.get(FIELDS.get(f));
        if (value == null) continue;
        String field = FIELDS.get(f);
        precision[f] += hits.stream().filter(h -> value.equals(h.payload().get(field))).count() / (double) k;
      }
      java.util.Set<String> groups = new java.util.HashSet<>();
      if (Duplicates.groupOf(query) != null) groups.add(Duplicates.groupOf(query));
      for (Hit h : hits) {
        String group = Duplicates.groupOf(h.payload());
        if (group != null && !groups.add(group)) duplicates++;
      }
      Map<String, Integer> byArtist = new HashMap<>();
      for (Hit h : hits) {
        if (h.payload().get(Payloads.ARTIST) instanceof String a) byArtist.merge(a, 1, Integer::sum);
        occurrences.merge(h.trackId(), 1, Integer::sum);
      }
      topArtist += byArtist.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) k;
    }
    // Only the measured tracks form the catalogue; hits outside it (maxTracks) are counted too.
    double n = lists.size();
    List<Integer> counts = new ArrayList<>(occurrences.values());
    long covered = counts.stream().filter(c -> c > 0).count();
    return new QualityFigures(round(results / n), round(precision[0] / n), round(precision[1] / n), round(precision[2] / n),
        round(topArtist / n), round(skewness(counts)), counts.stream().mapToInt(Integer::intValue).max().orElse(0),
        round(covered / (double) counts.size()), round(duplicates / (k * n)));
  }

  /** Sample skewness (third standardised moment) of the k-occurrence counts; 0 when all are equal. */
  static double skewness(List<Integer> values) {
    double n = values.size();
    double mean = values.stream().mapToDouble(Integer::doubleValue).sum() / n;
    double m2 = 0;
    double m3 = 0;
    for (int v : values) {
      double d = v - mean;
      m2 += d * d;
      m3 += d * d * d;
    }
    m2 /= n;
    m3 /= n;
    return m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
  }

  private static double randomBaseline(Map<String, Map<String, Object>> labels, String field) {
    Map<Object, Long> counts = new HashMap<>();
    for (Map<String, Object> p : labels.values()) {
      if (p.get(field) != null) counts.merge(p.get(field), 1L, Long::sum);
    }
    double n = labels.size();
    return counts.values().stream().mapToDouble(c -> c * (c - 1.0)).sum() / (n * (n - 1));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
