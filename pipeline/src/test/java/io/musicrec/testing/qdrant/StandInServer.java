package io.musicrec.testing.qdrant;

import io.musicrec.config.ConfigLoader;
import io.musicrec.config.Settings;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The in-process stand-in for a whole test class: {@code @RegisterExtension static final
 * StandInServer QDRANT = new StandInServer();} starts it before the class's tests and stops it
 * after them, so suites that run a contract against Qdrant need no start/stop code of their own.
 */
public final class StandInServer implements BeforeAllCallback, AfterAllCallback {
  private final String apiKey;
  private final String readOnlyApiKey;
  private QdrantTestServer server;

  /** A server that takes any (or no) API key. */
  public StandInServer() {
    this(null, null);
  }

  /** A server with Qdrant's two keys, as {@link QdrantTestServer#startWithKeys} describes. */
  public StandInServer(String apiKey, String readOnlyApiKey) {
    this.apiKey = apiKey;
    this.readOnlyApiKey = readOnlyApiKey;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = QdrantTestServer.startWithKeys(apiKey, readOnlyApiKey);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  public String uri() {
    return server.uri();
  }

  /** A Qdrant store on the stand-in with the default sink settings and no API key. */
  public VectorStore openStore() {
    return VectorStores.open(uri(), ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(null));
  }

  /** The same, searching with the given effort. */
  public VectorStore openStore(Settings.Search search) {
    return VectorStores.open(uri(), ConfigLoader.load(null, Map.of(), Map.of()).sink(), new Settings.Qdrant(null), search);
  }
}
