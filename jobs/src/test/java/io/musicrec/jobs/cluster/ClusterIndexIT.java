package io.musicrec.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicrec.store.PointIds;
import io.musicrec.testing.corpus.TestCorpus;
import io.musicrec.testing.qdrant.QdrantTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar submitted with spark-submit to a real multi-JVM cluster (local-cluster: a master,
 * two workers and their executors, each its own JVM), writing over gRPC to the Qdrant test server
 * in this JVM. Each executor also gets a "gpu" resource from a discovery script, so the job's
 * device assignment runs for real: with the CPU build of ONNX Runtime, CUDA device 0 is
 * requested, refused with one warning, and the executor embeds on the CPU.
 */
class ClusterIndexIT {
  /** Kept after the run (not a temp dir): the submit log and executor logs are what explain a failure. */
  private final Path work = Path.of("target/cluster-it").toAbsolutePath();

  @Test
  void theShadedJarIndexesOnSeparateExecutorJvmsIntoQdrant() throws Exception {
    deleteRecursively(work);
    TestCorpus corpus = TestCorpus.standard();
    Path sparkHome = Files.createDirectories(work.resolve("spark-home/jars")).getParent();
    Path discovery = work.resolve("discover-gpu.sh");
    Files.writeString(discovery, "#!/bin/sh\necho '{\"name\":\"gpu\",\"addresses\":[\"0\"]}'\n");
    discovery.toFile().setExecutable(true);
    String sparkClasspath = Files.readString(Path.of(System.getProperty("musicrec.sparkClasspath"))).trim();
    Path report = work.resolve("report");

    try (QdrantTestServer qdrant = QdrantTestServer.start()) {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx1g", "@" + System.getProperty("musicrec.moduleOptions"), "-cp", sparkClasspath,
          "org.apache.spark.deploy.SparkSubmit",
          "--master", "local-cluster[2,1,1536]",
          "--conf", "spark.executorEnv.SPARK_SCALA_VERSION=2.13",
          "--conf", "spark.executor.extraClassPath=" + sparkClasspath,
          // Standalone workers advertise the GPU they found; executors and tasks then ask for it.
          "--conf", "spark.worker.resource.gpu.amount=1",
          "--conf", "spark.worker.resource.gpu.discoveryScript=" + discovery,
          "--conf", "spark.executor.resource.gpu.amount=1",
          "--conf", "spark.executor.resource.gpu.discoveryScript=" + discovery,
          "--conf", "spark.task.resource.gpu.amount=1",
          "--conf", "spark.ui.enabled=false",
          "--class", "io.musicrec.cli.Main",
          System.getProperty("musicrec.shadedJar"),
          "index",
          "--input", corpus.root().toString(),
          "--store", qdrant.uri(),
          "--report", report.toString(),
          "--table", work.resolve("embeddings").toUri().toString(),
          "--set", "spark.partitions=4"));
      ProcessBuilder submit = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(work.resolve("submit.log").toFile());
      submit.environment().put("SPARK_HOME", sparkHome.toString());
      submit.environment().put("SPARK_SCALA_VERSION", "2.13");
      submit.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Process process = submit.start();
      boolean finished = process.waitFor(4, TimeUnit.MINUTES);
      if (!finished) process.destroyForcibly();
      String log = Files.readString(work.resolve("submit.log"));
      assertTrue(finished, "spark-submit did not finish in time:\n" + tail(log));
      assertEquals(0, process.exitValue(), "spark-submit failed (full log: " + work.resolve("submit.log") + "):\n"
          + firstError(log) + "\n" + tail(executorLogs(sparkHome.resolve("work"))));

      JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
      int decodable = corpus.manifest().decodable().size();
      assertEquals(decodable, json.at("/counts/upserted").asInt(), tail(log));
      assertTrue(json.at("/environment/spark_master").asText().startsWith("local-cluster"));
      Set<String> expected = corpus.manifest().decodable().stream()
          .map(id -> PointIds.of(id).toString()).collect(Collectors.toSet());
      assertEquals(expected, qdrant.pointIds(json.at("/collection").asText()));
      // The executors wrote the embeddings table's rows themselves (only outcomes went to the driver).
      try (Stream<Path> files = Files.walk(work.resolve("embeddings"))) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("_SUCCESS") && names.stream().anyMatch(n -> n.endsWith(".parquet")), names.toString());
      }

      String executorLogs = executorLogs(sparkHome.resolve("work"));
      assertTrue(executorLogs.contains("CUDA device 0 was requested"),
          "executors got GPU 0 from Spark's task resources and fell back to the CPU provider:\n" + tail(executorLogs));
      assertEquals(2, Stream.of(executorLogs.split("\n")).filter(l -> l.contains("CUDA device 0 was requested")).count(),
          "one warning per executor JVM (one shared session each)");
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
    }
  }

  private static String executorLogs(Path workDir) throws IOException {
    if (!Files.isDirectory(workDir)) return "(no worker folder " + workDir + ")";
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().equals("stderr"))::iterator) {
        logs.append(Files.readString(f)).append('\n');
      }
    }
    return logs.toString();
  }

  private static String firstError(String log) {
    int at = log.indexOf("Exception");
    return at < 0 ? "" : log.substring(Math.max(0, at - 300), Math.min(log.length(), at + 2500));
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
  }
}
