package io.musicrec.jobs.bench;

import io.musicrec.config.ConfigException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The benchmark stages, in the order they run. */
public enum Stage {
  DECODE, EMBED, PIPELINE, QUERY, SCALE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code decode,embed,pipeline,query,scale} (any subset, any order). */
  public static Set<Stage> parse(String list) {
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    for (String part : list.split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      if (name.isEmpty()) continue;
      try {
        stages.add(valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("unknown bench stage '" + part.trim() + "'; allowed: decode, embed, pipeline, query, scale");
      }
    }
    if (stages.isEmpty()) throw new ConfigException("no bench stage given; allowed: decode, embed, pipeline, query, scale");
    return stages;
  }
}
