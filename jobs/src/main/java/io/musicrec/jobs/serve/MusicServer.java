package io.musicrec.jobs.serve;

import io.musicrec.config.ConfigException;
import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.IndexedModel;
import io.musicrec.model.ModelSpec;
import io.musicrec.model.ModelSpecs;
import io.musicrec.store.VectorStore;
import io.musicrec.store.VectorStores;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http.spi.JettyHttpServer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive discovery service behind {@code musicrec serve}: the page at {@code /} and the
 * JSON API at {@code /api/}, written against the JDK's {@code com.sun.net.httpserver} API and run by
 * Jetty (jetty-http-spi). Jetty rather than the JDK's own server because the JDK's reads each
 * request line and headers on a request thread (a few clients sending them slowly hold the whole
 * pool), has only a JVM-wide request time limit, and answers malformed requests itself with HTML.
 * Jetty parses without a thread, closes idle connections per connection, and lets {@link
 * JsonErrorHandler} answer its own errors in the API's JSON. Over the collection (alias) a config names,
 * in the embedded store or Qdrant alike. No SparkSession: queries go straight to the store, uploads
 * through the same decoder and model as the index job.
 */
public final class MusicServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MusicServer.class);
  /** Acceptor, selectors and reserve: Jetty's own threads beside the request threads. */
  private static final int JETTY_OWN_THREADS = 8;

  private final Server jetty;
  private final ServerConnector connector;
  private final VectorStore store;
  private final UploadEmbedder uploads;
  private final Discovery discovery;

  private MusicServer(Server jetty, ServerConnector connector, VectorStore store, UploadEmbedder uploads, Discovery discovery) {
    this.jetty = jetty;
    this.connector = connector;
    this.store = store;
    this.uploads = uploads;
    this.discovery = discovery;
  }

  /**
   * Opens the store, checks that the collection exists and was built with the config's model,
   * reads the track list, and starts listening. Config problems are {@link ConfigException}s.
   */
  public static MusicServer start(MusicrecConfig config, ServeOptions options) {
    ModelSpec spec = ModelSpecs.resolve(config.model());
    VectorStore store = VectorStores.open(config);
    Server jetty = null;
    UploadEmbedder uploads = null;
    try {
      String collection = config.collection();
      if (!store.exists(collection)) {
        throw new ConfigException("store " + config.store() + " has no collection '" + collection
            + "'; build it first with 'musicrec index'");
      }
      IndexedModel.require(store, collection, spec);
      uploads = new UploadEmbedder(spec, config.decode(), config.embed(), options.uploadTimeoutS());
      Discovery discovery = new Discovery(store, collection, uploads);
      jetty = new Server(threadPool(options));
      ServerConnector connector = connector(jetty, options);
      jetty.addConnector(connector);
      jetty.setHandler(new ContextHandlerCollection());
      jetty.setErrorHandler(new JsonErrorHandler());
      jetty.setStopTimeout(1000);
      JettyHttpServer server = new JettyHttpServer(jetty, true);
      server.bind(new InetSocketAddress(options.host(), options.port()), 64);
      server.createContext("/api", new ApiHandler(
          discovery, new AudioEndpoint(discovery, TrackFiles.from(config)), spec, collection, options));
      server.createContext("/", new StaticFiles());
      jetty.start();
      MusicServer started = new MusicServer(jetty, connector, store, uploads, discovery);
      LOG.info("serving {} tracks of '{}' from {} at {}", discovery.catalogue().size(), collection, config.store(), started.uri());
      return started;
    } catch (IOException e) {
      shutdown(jetty, uploads, store);
      throw new ConfigException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      shutdown(jetty, uploads, store);
      throw e;
    } catch (Exception e) {
      shutdown(jetty, uploads, store);
      throw new ConfigException("cannot start the server on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
  }

  /** Request threads, plus the few Jetty keeps for accepting and selecting; daemons, so they never hold the JVM. */
  private static QueuedThreadPool threadPool(ServeOptions options) {
    QueuedThreadPool pool = new QueuedThreadPool(options.threads() + JETTY_OWN_THREADS, 4);
    pool.setName("musicrec-serve");
    pool.setDaemon(true);
    return pool;
  }

  private static ServerConnector connector(Server jetty, ServeOptions options) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // Ids are percent-encoded path segments that may hold '/', decoded by ApiRequest one by one.
    http.setUriCompliance(UriCompliance.DEFAULT.with("musicrec",
        UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
        UriCompliance.Violation.AMBIGUOUS_PATH_SEGMENT, UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(options.host());
    connector.setPort(options.port());
    connector.setAcceptQueueSize(64);
    connector.setIdleTimeout(options.idleTimeoutS() * 1000L);
    return connector;
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress address = new InetSocketAddress(connector.getHost(), port());
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** Tracks in the in-memory catalogue (refreshed by {@code POST /api/catalogue/refresh}). */
  public int tracks() {
    return discovery.catalogue().size();
  }

  /** Stops listening, gives running requests a second to finish, then closes the model and the store. */
  @Override
  public void close() {
    shutdown(jetty, uploads, store);
  }

  private static void shutdown(Server jetty, UploadEmbedder uploads, VectorStore store) {
    try {
      if (jetty != null) jetty.stop();
    } catch (Exception e) {
      LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
    } finally {
      try {
        if (uploads != null) uploads.close();
      } finally {
        store.close();
      }
    }
  }
}
