package io.musicrec.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 protocol server (s3proxy over a filesystem blob store) on loopback, in its own JVM so
 * its dependencies stay off the test classpath. Buckets are seeded through S3A itself: files
 * copied straight into s3proxy's folder would lack ETags.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access";
  public static final String SECRET_KEY = "test-secret-do-not-log";

  private final Process process;
  private final int port;

  private S3ProxyServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static S3ProxyServer start(Path workDir) throws IOException {
    Path jar = Path.of("target/test-tools/s3proxy.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the tests through Maven (generate-test-resources copies it)");
    }
    int port = freePort();
    Path blobs = Files.createDirectories(workDir.resolve("blobs"));
    Path properties = workDir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + blobs,
        ""));
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString())
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("s3proxy.log").toFile())
        .start();
    S3ProxyServer server = new S3ProxyServer(process, port);
    server.awaitListening(Duration.ofSeconds(60), workDir.resolve("s3proxy.log"));
    return server;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public void createBucket(String bucket) {
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  /**
   * Hadoop settings for S3A against this server. Hadoop caches FileSystems per bucket, not per
   * endpoint, so a test class that reused another's bucket name would talk to that class's dead
   * server: tests use their own bucket names, and these settings bypass the cache.
   */
  public Map<String, String> s3aSettings() {
    return Map.of(
        "fs.s3a.impl.disable.cache", "true",
        "fs.s3a.endpoint", endpoint(),
        "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.access.key", ACCESS_KEY,
        "fs.s3a.secret.key", SECRET_KEY);
  }

  /** Uploads a local folder tree to s3a://bucket/prefix through S3A. */
  public void upload(Path localDir, String s3aUri) throws IOException {
    Configuration conf = new Configuration();
    s3aSettings().forEach(conf::set);
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(s3aUri);
    FileSystem fs = target.getFileSystem(conf);
    try (var files = Files.walk(localDir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String relative = localDir.relativize(file).toString();
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path(target, relative));
      }
    }
  }

  private void awaitListening(Duration timeout, Path log) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("s3proxy exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    close();
    throw new IOException("s3proxy did not listen on " + port + " within " + timeout);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
