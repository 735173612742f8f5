package io.musicrec.decode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used by this JVM and by its terminated children, from {@code /proc/self/stat}
 * (utime + stime + cutime + cstime). Children count once they have been waited for, which the
 * JDK does for every process it starts, and a shell counts the ffmpegs it waited for; so the
 * difference of two readings around a benchmark pass covers the JVM's own threads (pumps, GC,
 * JIT) and every ffmpeg the pass ran, to the kernel's clock tick (10 ms).
 */
final class CpuClock {
  static final String METHOD =
      "/proc/self/stat utime+stime+cutime+cstime (JVM threads + reaped child processes), USER_HZ=100";
  private static final double TICKS_PER_SECOND = 100; // USER_HZ: fixed at 100 on Linux for userspace

  private CpuClock() {}

  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/stat"));
  }

  /** CPU seconds so far: this JVM's own threads, and its reaped children. */
  record Reading(double self, double children) {
    double total() {
      return self + children;
    }
  }

  static Reading read() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // The command name (field 2) may contain spaces: fields are counted after its closing ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      // After ')' field 3 is at index 0, so utime (14), stime, cutime, cstime (17) are at 11..14.
      double self = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
      double children = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
      return new Reading(self, children);
    } catch (IOException | RuntimeException e) {
      return new Reading(Double.NaN, Double.NaN);
    }
  }
}
