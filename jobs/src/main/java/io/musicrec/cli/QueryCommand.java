package io.musicrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.discover.DiscoveryQueries;
import io.musicrec.discover.Diversity;
import io.musicrec.discover.Found;
import io.musicrec.store.Condition;
import io.musicrec.store.Filter;
import io.musicrec.store.Hit;
import io.musicrec.store.RecommendStrategy;
import io.musicrec.store.Recommendation;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = "Queries an index: similar tracks, recommendations, search by audio.",
    subcommands = {QueryCommand.Similar.class, QueryCommand.Recommend.class, QueryCommand.Search.class})
final class QueryCommand {
  @Mixin ConfigOptions configOptions;

  @Option(names = "--store", paramLabel = "URI", description = "embedded:DIR or qdrant://HOST:6334 (default: from config).")
  String store;

  @Option(names = "--model", paramLabel = "SPEC", description = "The model that built the index: builtin:logmel, an installed model (musicnn-msd, musicnn-mtt) or a spec YAML (default: from config).")
  String model;

  MusicrecConfig config() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("store", store);
    options.put("model", model);
    return configOptions.load(options);
  }

  /** Options every query shares: filters, result count and output format. */
  static final class Output {
    static final int MAX_K = 1000;

    @Option(names = "--filter", paramLabel = "[!|?]KEY=V[,V...]",
        description = {"Keyword filter, repeatable: genre=latin (must), subgenres=latin---samba,latin---salsa (any of),",
            "!artist=X (must not), ?genre=jazz (should)."})
    List<String> filters = new ArrayList<>();

    @Option(names = "-k", paramLabel = "N", defaultValue = "10", description = "Number of results (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print {\"results\": [{\"id\", \"score\", \"payload\", \"reason\"}]}.")
    boolean json;

    @Option(names = "--diversity", paramLabel = "D", defaultValue = "0",
        description = {"0..1: maximal marginal relevance, trading closeness for variety among the results",
            "(0, the default: the store's order; 1: as unlike each other as the candidates allow)."})
    double diversity;

    @Option(names = "--max-per-artist", paramLabel = "N", defaultValue = "0",
        description = "At most N results by one artist (0, the default: no cap).")
    int maxPerArtist;

    @Option(names = "--collapse-duplicates",
        description = "One result per duplicate group marked by 'musicrec dedup', none of the query's own group.")
    boolean collapseDuplicates;

    Diversity diversity() {
      try {
        return new Diversity(diversity, maxPerArtist, collapseDuplicates);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--diversity / --max-per-artist: " + e.getMessage());
      }
    }

    /** picocli has no range type, and a store must never see k < 1. */
    void checkK(CommandSpec spec) {
      if (k < 1 || k > MAX_K) {
        throw new ParameterException(spec.commandLine(), "-k must be between 1 and " + MAX_K + ", got " + k);
      }
    }

    Filter filter() {
      return Filters.parse(filters);
    }

    void print(List<Found> found, PrintWriter out) throws Exception {
      if (json) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Found f : found) {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("id", f.hit().trackId());
          r.put("score", f.hit().score());
          r.put("payload", f.hit().payload());
          r.put("reason", f.reason());
          results.add(r);
        }
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("results", results)));
      } else {
        for (Found f : found) {
          Hit hit = f.hit();
          out.printf(Locale.ROOT, "%.4f  %-22s  %s%n", hit.score(), hit.trackId(), IndexSummary.describe(hit.payload()));
          out.printf(Locale.ROOT, "        why: %s%n", f.reason().text());
        }
      }
      out.flush();
    }
  }

  abstract static class Query implements Callable<Integer> {
    @ParentCommand QueryCommand parent;
    @Mixin Output output;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      MusicrecConfig config = parent.config();
      output.checkK(spec);
      try (VectorStore store = VectorStores.open(config)) {
        if (!store.exists(config.collection())) {
          throw new ConfigException("store " + config.store() + " has no collection '" + config.collection()
              + "'; build it first with 'musicrec index'");
        }
        output.print(run(new DiscoveryQueries(store, config.collection()), store, config), spec.commandLine().getOut());
      }
      return Main.OK;
    }

    abstract List<Found> run(DiscoveryQueries queries, VectorStore store, MusicrecConfig config) throws Exception;
  }

  @Command(name = "similar", mixinStandardHelpOptions = true, description = "Tracks most similar to a track in the index.")
  static final class Similar extends Query {
    @Option(names = "--track", required = true, paramLabel = "ID", description = "Track id.")
    String track;

    @Override
    List<Found> run(DiscoveryQueries queries, VectorStore store, MusicrecConfig config) {
      return queries.similar(track, output.k, output.filter(), output.diversity());
    }
  }

  @Command(name = "recommend", mixinStandardHelpOptions = true, description = "Recommendations from liked and disliked tracks.")
  static final class Recommend extends Query {
    @Option(names = "--like", required = true, split = ",", paramLabel = "IDS", description = "Liked track ids, comma separated.")
    List<String> like;

    @Option(names = "--dislike", split = ",", paramLabel = "IDS", description = "Disliked track ids, comma separated.")
    List<String> dislike = new ArrayList<>();

    @Option(names = "--strategy", defaultValue = "average_vector", paramLabel = "S",
        description = "average_vector, best_score or sum_scores (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Override
    List<Found> run(DiscoveryQueries queries, VectorStore store, MusicrecConfig config) {
      RecommendStrategy s;
      try {
        s = RecommendStrategy.parse(strategy);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--strategy: " + e.getMessage());
      }
      return queries.recommend(new Recommendation(like, dislike, s, output.filter(), output.k), output.diversity());
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true, description = "Tracks most similar to an audio file (decoded and embedded with the index's model).")
  static final class Search extends Query {
    @Option(names = "--audio", required = true, paramLabel = "FILE", description = "Audio file (mp3, wav, flac, ogg).")
    Path audio;

    @Override
    List<Found> run(DiscoveryQueries queries, VectorStore store, MusicrecConfig config) throws Exception {
      float[] vector = AudioQuery.embed(audio, config, store);
      return queries.search(vector, output.k, output.filter(), output.diversity());
    }
  }

  /** Parses --filter options into Qdrant's must / should / must_not clauses. */
  static final class Filters {
    private Filters() {}

    static Filter parse(List<String> specs) {
      Filter.Builder builder = Filter.builder();
      for (String spec : specs) {
        char kind = spec.isEmpty() ? ' ' : spec.charAt(0);
        String body = kind == '!' || kind == '?' ? spec.substring(1) : spec;
        int eq = body.indexOf('=');
        if (eq <= 0 || eq == body.length() - 1) {
          throw new ConfigException("--filter '" + spec + "': expected KEY=VALUE[,VALUE...], optionally prefixed by ! (must not) or ? (should)");
        }
        String key = body.substring(0, eq);
        List<String> values = List.of(body.substring(eq + 1).split(","));
        Condition condition = values.size() == 1 ? Condition.matchValue(key, values.get(0)) : Condition.matchAny(key, values);
        if (kind == '!') builder.mustNot(condition);
        else if (kind == '?') builder.should(condition);
        else builder.must(condition);
      }
      return builder.build();
    }
  }
}
