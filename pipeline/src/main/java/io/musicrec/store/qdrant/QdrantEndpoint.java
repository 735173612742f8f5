package io.musicrec.store.qdrant;

import io.musicrec.config.ConfigException;
import io.qdrant.client.QdrantGrpcClient;
import java.net.URI;
import java.net.URISyntaxException;

/** Where Qdrant's gRPC port is: {@code qdrant://host:port}, or {@code qdrants://host:port} for TLS. */
public record QdrantEndpoint(String host, int port, boolean tls) {
  public static final int DEFAULT_GRPC_PORT = 6334;

  public static QdrantEndpoint parse(String uri) {
    URI parsed;
    try {
      parsed = new URI(uri.trim());
    } catch (URISyntaxException e) {
      throw invalid(uri, e.getMessage());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
    boolean tls;
    switch (scheme) {
      case "qdrant", "http", "grpc" -> tls = false;
      case "qdrants", "https", "grpcs" -> tls = true;
      default -> throw invalid(uri, "unknown scheme '" + scheme + "'");
    }
    if (parsed.getHost() == null || parsed.getHost().isBlank()) throw invalid(uri, "no host");
    if (parsed.getPath() != null && !parsed.getPath().isEmpty() && !parsed.getPath().equals("/")) {
      throw invalid(uri, "unexpected path '" + parsed.getPath() + "'");
    }
    if (parsed.getUserInfo() != null) {
      throw invalid(uri, "credentials do not belong in the URI; set qdrant.api_key or QDRANT_API_KEY");
    }
    int port = parsed.getPort() == -1 ? DEFAULT_GRPC_PORT : parsed.getPort();
    return new QdrantEndpoint(parsed.getHost(), port, tls);
  }

  /**
   * A gRPC client for this endpoint (plaintext or TLS as the scheme says), sending {@code apiKey} as
   * Qdrant's {@code api-key} header when there is one. Connects lazily: the first call opens the channel.
   */
  public QdrantGrpcClient client(String apiKey) {
    QdrantGrpcClient.Builder builder = QdrantGrpcClient.newBuilder(host, port, tls, false);
    if (apiKey != null && !apiKey.isBlank()) builder.withApiKey(apiKey);
    return builder.build();
  }

  private static ConfigException invalid(String uri, String why) {
    // Never echo credentials someone put in the URI.
    String shown = uri.replaceAll("//[^/@]*@", "//***@");
    return new ConfigException("invalid Qdrant URI '" + shown + "' (" + why + "); allowed forms: "
        + "qdrant://HOST:PORT or qdrants://HOST:PORT (TLS), PORT being Qdrant's gRPC port (usually 6334)");
  }

  @Override
  public String toString() {
    return (tls ? "qdrants://" : "qdrant://") + host + ":" + port;
  }
}
