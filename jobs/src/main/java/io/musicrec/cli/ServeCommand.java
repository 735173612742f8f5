package io.musicrec.cli;

import io.musicrec.config.MusicrecConfig;
import io.musicrec.jobs.serve.MusicServer;
import io.musicrec.jobs.serve.ServeOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serves the discovery page and its JSON API (docs/serve-api.md) over an index: upload a song,",
        "find tracks, play them, and steer recommendations with likes, dislikes and genre filters."})
final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;
  @Spec CommandSpec spec;

  @Option(names = "--store", paramLabel = "URI", description = "embedded:DIR or qdrant://HOST:6334 (default: from config).")
  String store;

  @Option(names = "--model", paramLabel = "SPEC", description = "The model that built the index: builtin:logmel, an installed model (musicnn-msd, musicnn-mtt) or a spec YAML (default: from config).")
  String model;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for the network).")
  String host;

  @Option(names = "--max-upload-mb", paramLabel = "MB", defaultValue = "20", description = "Largest audio upload (default: ${DEFAULT-VALUE}).")
  int maxUploadMb;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("store", store);
    options.put("model", model);
    MusicrecConfig config = configOptions.load(options);
    ServeOptions serveOptions = ServeOptions.onPort(port).withHost(host).withMaxUploadBytes((long) maxUploadMb << 20);
    MusicServer server = MusicServer.start(config, serveOptions);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "musicrec-serve-shutdown"));
    spec.commandLine().getOut().printf("musicrec: serving %d tracks at %s (Ctrl-C stops)%n", server.tracks(), server.uri());
    spec.commandLine().getOut().flush();
    stopped.await();
    return Main.OK;
  }
}
