package io.musicrec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.discover.DuplicateGroup;
import io.musicrec.discover.Duplicates;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "dedup",
    mixinStandardHelpOptions = true,
    description = {
      "Finds tracks that are the same recording (other encodings, trims, small offsets): pairs of nearest",
      "neighbours with a cosine at or above --threshold, grouped. Marks each group in the payload",
      "(duplicate_group) so that queries can collapse it, unless --dry-run."})
final class DedupCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;
  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "URI", description = "embedded:DIR or qdrant://HOST:6334 (default: from config).")
  String store;

  @Option(names = "--threshold", paramLabel = "COS",
      description = {"Lowest cosine for two tracks to count as one recording (default: measured per model:",
          "0.998 for builtin:logmel and unmeasured models, 0.97 for musicnn-msd, 0.90 for musicnn-mtt)."})
  Double threshold;

  @Option(names = "--dry-run", description = "Only print the groups; leave the payloads as they are.")
  boolean dryRun;

  @Option(names = "--json", description = "Print {\"groups\": [{\"ids\": [...], \"score\": s}]}.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("store", store);
    MusicrecConfig config = configOptions.load(options);
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new ConfigException("--threshold must be in (0, 1], got " + threshold);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (VectorStore vectors = VectorStores.open(config)) {
      if (!vectors.exists(config.collection())) {
        throw new ConfigException("store " + config.store() + " has no collection '" + config.collection()
            + "'; build it first with 'musicrec index'");
      }
      double cosine = threshold != null ? threshold : Duplicates.defaultThreshold(vectors, config.collection());
      List<DuplicateGroup> groups = Duplicates.find(vectors, config.collection(), cosine);
      int rewritten = dryRun ? 0 : Duplicates.mark(vectors, config.collection(), groups);
      if (json) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (DuplicateGroup g : groups) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ids", g.ids());
          m.put("score", g.score());
          list.add(m);
        }
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("groups", list)));
      } else {
        for (DuplicateGroup g : groups) out.printf(Locale.ROOT, "%.4f  %s%n", g.score(), String.join(", ", g.ids()));
        out.printf(Locale.ROOT, "%d duplicate groups (%d tracks) at cosine >= %.3f; %s%n", groups.size(),
            groups.stream().mapToInt(g -> g.ids().size()).sum(), cosine,
            dryRun ? "payloads left as they were (--dry-run)" : rewritten + " points (re)marked with " + Duplicates.GROUP);
      }
    }
    out.flush();
    return Main.OK;
  }
}
