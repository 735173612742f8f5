package io.musicrec.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.musicrec.config.Settings;
import io.musicrec.model.onnx.OnnxModelSource;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens ONNX Runtime sessions: CUDA when a device is assigned and the runtime has it, else the CPU
 * provider (one warning per JVM) or a clear failure when {@code embed.require_gpu} is set.
 */
public final class OrtSessions {
  private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);
  private static final AtomicBoolean WARNED_CPU_FALLBACK = new AtomicBoolean();
  private static final long INIT_STACK_BYTES = 64L << 20;
  private static volatile OrtEnvironment environment;

  /** A session and the provider it runs on. */
  public record Opened(OrtSession session, String provider) {}

  private OrtSessions() {}

  /**
   * ONNX Runtime's process-wide environment. Its native initialisation overflows a default-sized
   * thread stack (SIGSEGV, no hs_err file) when the JVM's command line is long, and Spark
   * executors always have one (a 20+ KB -cp); so the first call happens on a thread with a large
   * stack, and every later call returns the same environment.
   */
  public static OrtEnvironment environment() {
    OrtEnvironment env = environment;
    if (env == null) {
      synchronized (OrtSessions.class) {
        if (environment == null) {
          AtomicReference<Throwable> failure = new AtomicReference<>();
          Thread init = new Thread(null, () -> {
            try {
              environment = OrtEnvironment.getEnvironment();
            } catch (Throwable t) {
              failure.set(t);
            }
          }, "musicrec-ort-init", INIT_STACK_BYTES);
          init.start();
          try {
            init.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbedException("interrupted while starting ONNX Runtime", e);
          }
          if (failure.get() != null) {
            throw new EmbedException("cannot start ONNX Runtime: " + failure.get(), failure.get());
          }
        }
        env = environment;
      }
    }
    return env;
  }

  public static Opened open(OnnxModelSource source, Settings.Embed settings, OptionalInt cudaDevice) {
    OrtEnvironment env = environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(intraOpThreads(settings));
      options.setInterOpNumThreads(1);
      // Idle intra-op threads spin by default; in an executor they share the cores with the
      // decoders, so spinning would burn the CPU that ffmpeg needs.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      String provider = placeOnGpu(options, settings, cudaDevice) ? "CUDA:" + cudaDevice.getAsInt() : "CPU";
      OrtSession session = source.bytes() != null
          ? env.createSession(source.bytes(), options)
          : env.createSession(source.file().toString(), options);
      return new Opened(session, provider);
    } catch (OrtException e) {
      throw new EmbedException("cannot open ONNX model " + source.description() + ": " + e.getMessage(), e);
    }
  }

  private static boolean placeOnGpu(
      OrtSession.SessionOptions options, Settings.Embed settings, OptionalInt cudaDevice) {
    if (cudaDevice.isEmpty()) {
      if (settings.requireGpu()) {
        throw new EmbedException("embed.require_gpu is true but this task has no GPU assigned"
            + " (run on a cluster master with spark.executor.resource.gpu.amount, spark.task.resource.gpu.amount"
            + " and a discovery script: see conf/spark-defaults-gpu.conf; local[N] masters have no GPUs)");
      }
      return false;
    }
    int device = cudaDevice.getAsInt();
    try {
      options.addCUDA(device);
      return true;
    } catch (OrtException | RuntimeException | LinkageError e) {
      if (settings.requireGpu()) {
        throw new EmbedException("embed.require_gpu is true but CUDA device " + device
            + " cannot be used: " + e.getMessage()
            + " (needs the onnxruntime_gpu build (-Pgpu), CUDA 12 and cuDNN 9)", e);
      }
      if (WARNED_CPU_FALLBACK.compareAndSet(false, true)) {
        LOG.warn("CUDA device {} was requested but cannot be used ({}); embedding on the CPU provider."
            + " Set embed.require_gpu: true to fail instead.", device, e.getMessage());
      }
      return false;
    }
  }

  /** The setting, else the cores Spark gives this executor, else the machine's processors. */
  static int intraOpThreads(Settings.Embed settings) {
    if (settings.intraOpThreads() > 0) return settings.intraOpThreads();
    int available = Runtime.getRuntime().availableProcessors();
    SparkEnv sparkEnv = SparkEnv.get();
    return sparkEnv == null ? available : sparkEnv.conf().getInt("spark.executor.cores", available);
  }
}
