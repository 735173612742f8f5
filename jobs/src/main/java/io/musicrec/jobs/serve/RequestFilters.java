package io.musicrec.jobs.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Payloads;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Filters as the API accepts them: for each keyword field (genre, subgenres, artist) a list of
 * values, any of which may match; different fields must all match. In a query string the field is
 * repeated ({@code ?genre=jazz&genre=latin}); in JSON it is {@code {"genre": ["jazz", "latin"]}}.
 */
final class RequestFilters {
  static final List<String> FIELDS = Payloads.INDEXED_KEYWORDS;

  private RequestFilters() {}

  static Filter fromQuery(Map<String, List<String>> params) {
    Filter.Builder filter = Filter.builder();
    for (String field : FIELDS) {
      List<String> values = params.getOrDefault(field, List.of()).stream().filter(v -> !v.isEmpty()).toList();
      if (!values.isEmpty()) filter.must(Condition.matchAny(field, values));
    }
    return filter.build();
  }

  static Filter fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return Filter.NONE;
    if (!node.isObject()) throw ApiError.badRequest("'filter' must be an object like {\"genre\": [\"jazz\"]}");
    Filter.Builder filter = Filter.builder();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!FIELDS.contains(field.getKey())) {
        throw ApiError.badRequest("cannot filter on '" + field.getKey() + "'; filterable fields: " + String.join(", ", FIELDS));
      }
      List<String> values = strings(field.getValue(), "filter." + field.getKey());
      if (!values.isEmpty()) filter.must(Condition.matchAny(field.getKey(), values));
    }
    return filter.build();
  }

  /** A JSON string or array of strings as a list; anything else is a 400. */
  static List<String> strings(JsonNode node, String what) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) return values;
    if (node.isTextual()) {
      values.add(node.asText());
      return values;
    }
    if (!node.isArray()) throw ApiError.badRequest("'" + what + "' must be a string or an array of strings");
    for (JsonNode element : node) {
      if (!element.isTextual()) throw ApiError.badRequest("'" + what + "' must hold strings only, found " + element);
      values.add(element.asText());
    }
    return values;
  }
}
