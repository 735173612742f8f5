package io.musicrec.jobs.serve;

import com.sun.net.httpserver.HttpServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive discovery service behind {@code musicrec serve}: the page at {@code /} and the
 * JSON API at {@code /api/}, on the JDK's HTTP server, over the collection (alias) a config names,
 * in the embedded store or Qdrant alike. No SparkSession: queries go straight to the store, uploads
 * through the same decoder and model as the index job.
 */
public final class MusicServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MusicServer.class);

  private final HttpServer server;
  private final ExecutorService threads;
  private final VectorStore store;
  private final Discovery discovery;

  private MusicServer(HttpServer server, ExecutorService threads, VectorStore store, Discovery discovery) {
    this.server = server;
    this.threads = threads;
    this.store = store;
    this.discovery = discovery;
  }

  /**
   * Opens the store, checks that the collection exists and was built with the config's model,
   * reads the track list, and starts listening. Config problems are {@link ConfigException}s.
   */
  public static MusicServer start(MusicrecConfig config, ServeOptions options) {
    ModelSpec spec = ModelSpecs.resolve(config.model());
    VectorStore store = VectorStores.open(config.store(), config.sink(), config.qdrant());
    ExecutorService threads = null;
    try {
      String collection = config.collection();
      if (!store.exists(collection)) {
        throw new ConfigException("store " + config.store() + " has no collection '" + collection
            + "'; build it first with 'musicrec index'");
      }
      IndexedModel.require(store, collection, spec);
      UploadEmbedder uploads = new UploadEmbedder(spec, config.decode(), config.embed(), options.uploadTimeoutS());
      Discovery discovery = new Discovery(store, collection, uploads);
      threads = Executors.newFixedThreadPool(options.threads(), daemonThreads());
      HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
      server.createContext("/api/", new ApiHandler(
          discovery, new AudioEndpoint(discovery, TrackFiles.from(config)), spec, collection, options));
      server.createContext("/", new StaticFiles());
      server.setExecutor(threads);
      server.start();
      MusicServer started = new MusicServer(server, threads, store, discovery);
      LOG.info("serving {} tracks of '{}' from {} at {}", discovery.catalogue().size(), collection, config.store(), started.uri());
      return started;
    } catch (IOException e) {
      shutdown(threads, store);
      throw new ConfigException("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      shutdown(threads, store);
      throw e;
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** Tracks in the in-memory catalogue (refreshed by {@code POST /api/catalogue/refresh}). */
  public int tracks() {
    return discovery.catalogue().size();
  }

  /** Stops listening, gives running requests a second to finish, then closes the store. */
  @Override
  public void close() {
    server.stop(1);
    shutdown(threads, store);
  }

  private static void shutdown(ExecutorService threads, VectorStore store) {
    try {
      if (threads != null) {
        threads.shutdownNow();
        if (!threads.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("request threads did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "musicrec-serve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
