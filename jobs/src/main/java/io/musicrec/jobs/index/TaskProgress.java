package io.musicrec.jobs.index;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.AccumulatorV2;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A counter's value while its tasks still run. An accumulator's driver-side value only grows when a
 * task ends, so a progress bar polling it jumps from 0 to 100 % when there is one partition per
 * core. Executors, however, send the running tasks' accumulator values with every heartbeat
 * ({@code spark.executor.heartbeatInterval}), on local and cluster masters alike: this listener
 * keeps the latest partial value per running task and, once a task ends, its final value if the
 * task succeeded (a failed attempt's adds do not count, as with the accumulator itself).
 *
 * <p>Done = sum of finished tasks' values + sum of running tasks' latest partial values. Spark
 * delivers one listener's events on one thread; {@link #getAsLong} may be called from any.
 */
final class TaskProgress extends SparkListener implements LongSupplier {
  private final long accumulatorId;
  private final AtomicLong finished = new AtomicLong();
  private final Map<Long, Long> running = new ConcurrentHashMap<>();
  /** Heartbeats and task ends reach listeners by different paths: a late heartbeat must not revive a task. */
  private final Set<Long> ended = new HashSet<>();

  TaskProgress(AccumulatorV2<?, ?> counter) {
    this.accumulatorId = counter.id();
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
        : CollectionConverters.asJava(update.accumUpdates())) {
      long taskId = (Long) task._1();
      if (ended.contains(taskId)) continue;
      Long value = valueOf(task._4());
      if (value != null) running.put(taskId, value);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    long taskId = end.taskInfo().taskId();
    ended.add(taskId);
    Long value = end.taskInfo().successful() ? valueOf(end.taskInfo().accumulables()) : null;
    // Drop the partial before adding the final value: a reader may see a moment's undercount
    // (Progress never steps back), never a count above what was done.
    running.remove(taskId);
    if (value != null) finished.addAndGet(value);
  }

  /** Tracks done: by finished tasks, plus by running ones as of their executor's last heartbeat. */
  @Override
  public long getAsLong() {
    return finished.get() + running.values().stream().mapToLong(Long::longValue).sum();
  }

  /** This counter's update in a task's accumulables, null when the task reported none. */
  private Long valueOf(scala.collection.Seq<AccumulableInfo> infos) {
    for (AccumulableInfo info : CollectionConverters.asJava(infos)) {
      if (info.id() == accumulatorId && info.update().isDefined()) {
        return ((Number) info.update().get()).longValue();
      }
    }
    return null;
  }
}
