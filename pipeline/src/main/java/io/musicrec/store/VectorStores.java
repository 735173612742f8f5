package io.musicrec.store;

import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.config.Settings;
import io.musicrec.store.embedded.EmbeddedOptions;
import io.musicrec.store.embedded.EmbeddedStore;
import io.musicrec.store.qdrant.QdrantEndpoint;
import io.musicrec.store.qdrant.QdrantStore;
import java.nio.file.Path;

/** Opens a store from its URI: {@code embedded:DIR}, {@code qdrant://host:port}, {@code qdrants://host:port}. */
public final class VectorStores {
  static final String FORMS =
      "embedded:DIR, qdrant://HOST:PORT (gRPC, usually 6334) or qdrants://HOST:PORT (gRPC over TLS); http(s):// and grpc(s):// are read as qdrant(s)://";

  private VectorStores() {}

  /** The store a config names, with its upload, credential and search settings. */
  public static VectorStore open(MusicrecConfig config) {
    return open(config.store(), config.sink(), config.qdrant(), config.search());
  }

  /** A store with the automatic search effort. */
  public static VectorStore open(String uri, Settings.Sink sink, Settings.Qdrant qdrant) {
    return open(uri, sink, qdrant, new Settings.Search(SearchEffort.AUTOMATIC));
  }

  public static VectorStore open(String uri, Settings.Sink sink, Settings.Qdrant qdrant, Settings.Search search) {
    if (uri == null || uri.isBlank()) throw new ConfigException("store URI is empty; allowed forms: " + FORMS);
    String trimmed = uri.trim();
    if (trimmed.startsWith("embedded:")) {
      String dir = trimmed.substring("embedded:".length());
      if (dir.startsWith("//")) dir = dir.substring(2);
      if (dir.isBlank()) throw new ConfigException("store URI '" + uri + "' has no directory; allowed forms: " + FORMS);
      return EmbeddedStore.open(Path.of(dir), EmbeddedOptions.defaults().withSearchEffort(search.hnswEf()));
    }
    // Qdrant users often write its address as http(s)://; all of them name the gRPC endpoint here.
    if (trimmed.matches("(?i)(qdrants?|https?|grpcs?)://.*")) {
      return QdrantStore.connect(QdrantEndpoint.parse(trimmed), sink, qdrant, search);
    }
    throw new ConfigException("unsupported store URI '" + uri + "'; allowed forms: " + FORMS);
  }
}
