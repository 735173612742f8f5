package io.musicrec.store.embedded;

import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a {@link Filter} into a Lucene query over the keyword fields {@code p.<key>}: one
 * indexed term per string value or list element, so a list field matches when any element does.
 */
final class LuceneFilters {
  static final String ID = "id";
  static final String KEYWORD_PREFIX = "p.";

  private LuceneFilters() {}

  /** The filter, minus the excluded point ids; null when nothing restricts the search. */
  static Query toQuery(Filter filter, Collection<String> excludedPointIds) {
    if (filter.isEmpty() && excludedPointIds.isEmpty()) return null;
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    boolean restricts = false;
    for (Condition c : filter.must()) {
      query.add(toQuery(c), Occur.FILTER);
      restricts = true;
    }
    if (!filter.should().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
      for (Condition c : filter.should()) any.add(toQuery(c), Occur.SHOULD);
      query.add(any.build(), Occur.FILTER);
      restricts = true;
    }
    for (Condition c : filter.mustNot()) query.add(toQuery(c), Occur.MUST_NOT);
    if (!excludedPointIds.isEmpty()) query.add(terms(ID, excludedPointIds), Occur.MUST_NOT);
    // A query of only MUST_NOT clauses matches nothing in Lucene; Qdrant means "all but these".
    if (!restricts) query.add(new MatchAllDocsQuery(), Occur.FILTER);
    return query.build();
  }

  private static Query toQuery(Condition c) {
    String field = KEYWORD_PREFIX + c.key();
    if (c instanceof Condition.MatchValue mv) return new TermQuery(new Term(field, mv.value()));
    return terms(field, ((Condition.MatchAny) c).values());
  }

  static Query terms(String field, Collection<String> values) {
    List<BytesRef> refs = values.stream().map(BytesRef::new).toList();
    return new TermInSetQuery(field, refs);
  }
}
