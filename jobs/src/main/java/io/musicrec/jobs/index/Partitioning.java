package io.musicrec.jobs.index;

/** How many tasks an index run uses. */
final class Partitioning {
  /** Enough tasks per core to balance uneven files and retry cheaply, not so many that startup dominates. */
  static final int TASKS_PER_CORE = 3;
  /** Upper bound on tracks per task so a failed task redoes little. */
  static final int MAX_TRACKS_PER_TASK = 50;

  private Partitioning() {}

  static int choose(int configured, long files, int totalCores) {
    if (configured > 0) return configured;
    long byCores = (long) Math.max(1, totalCores) * TASKS_PER_CORE;
    long bySize = (files + MAX_TRACKS_PER_TASK - 1) / MAX_TRACKS_PER_TASK;
    return (int) Math.max(1, Math.min(Math.max(byCores, bySize), Math.max(files, 1)));
  }
}
