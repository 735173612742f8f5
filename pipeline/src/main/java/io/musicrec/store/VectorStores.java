package io.musicrec.store;

import io.musicrec.config.ConfigException;
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

  public static VectorStore open(String uri, Settings.Sink sink, Settings.Qdrant qdrant) {
    if (uri == null || uri.isBlank()) throw new ConfigException("store URI is empty; allowed forms: " + FORMS);
    String trimmed = uri.trim();
    if (trimmed.startsWith("embedded:")) {
      String dir = trimmed.substring("embedded:".length());
      if (dir.startsWith("//")) dir = dir.substring(2);
      if (dir.isBlank()) throw new ConfigException("store URI '" + uri + "' has no directory; allowed forms: " + FORMS);
      return EmbeddedStore.open(Path.of(dir), EmbeddedOptions.defaults());
    }
    // Qdrant users often write its address as http(s)://; all of them name the gRPC endpoint here.
    if (trimmed.matches("(?i)(qdrants?|https?|grpcs?)://.*")) {
      return QdrantStore.connect(QdrantEndpoint.parse(trimmed), sink, qdrant);
    }
    throw new ConfigException("unsupported store URI '" + uri + "'; allowed forms: " + FORMS);
  }
}
