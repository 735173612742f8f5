package io.musicrec.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory from {@code /proc/self/status} (Linux): the current size and the
 * peak since the last {@link #resetPeak()}. Resident memory counts the JVM heap and the pages of
 * memory-mapped index files the process touched, which is what a user's machine must hold.
 */
final class ProcessMemory {
  private ProcessMemory() {}

  /** Starts a new peak from the current size (writes 5 to clear_refs); false where Linux does not allow it. */
  static boolean resetPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** CPU time of the whole process so far (every thread, GC and JIT included), or 0 where unknown. */
  static long cpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
  }

  static double currentMb() {
    return field("VmRSS:");
  }

  static double peakMb() {
    return field("VmHWM:");
  }

  /** A {@code kB} field of /proc/self/status in MB, or -1 off Linux. */
  private static double field(String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(name)) {
          String kb = line.substring(name.length()).trim().split("\\s+")[0];
          return Math.round(Long.parseLong(kb) / 1024.0 * 10) / 10.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
