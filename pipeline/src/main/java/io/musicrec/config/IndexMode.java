package io.musicrec.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an index run treats what the store already holds. */
public enum IndexMode {
  /** Upsert every decodable track into the current collection. */
  @JsonProperty("full") FULL,
  /** Only tracks whose content hash or model differs from the store; removed files are deleted. */
  @JsonProperty("incremental") INCREMENTAL,
  /** A new versioned collection, filled, then switched in atomically behind the alias. */
  @JsonProperty("rebuild") REBUILD
}
