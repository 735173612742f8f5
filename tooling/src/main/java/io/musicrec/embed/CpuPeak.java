package io.musicrec.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An estimate of the machine's FP32 peak: cores x clock x FLOPs per cycle, read from
 * /proc/cpuinfo. FLOPs per cycle assume two FMA pipes per core (true for Intel since Haswell and
 * AMD since Zen 2; one-pipe AVX-512 parts peak at half the figure given for them).
 */
public record CpuPeak(double gflops, String assumption) {
  public static CpuPeak estimate(int cores) {
    double mhz = 0;
    String flags = "";
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (mhz == 0 && line.startsWith("cpu MHz")) mhz = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        if (flags.isEmpty() && line.startsWith("flags")) flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
      }
    } catch (IOException | RuntimeException e) {
      return new CpuPeak(0, "unknown: /proc/cpuinfo unreadable (" + e.getMessage() + ")");
    }
    int flopsPerCycle;
    String isa;
    if (flags.contains(" avx512f ")) {
      flopsPerCycle = 64;
      isa = "AVX-512, 2 FMA pipes x 16 lanes x 2";
    } else if (flags.contains(" avx2 ") && flags.contains(" fma ")) {
      flopsPerCycle = 32;
      isa = "AVX2+FMA, 2 FMA pipes x 8 lanes x 2";
    } else if (flags.contains(" avx ")) {
      flopsPerCycle = 16;
      isa = "AVX, 8-lane add + multiply";
    } else {
      flopsPerCycle = 8;
      isa = "SSE, 4-lane add + multiply";
    }
    if (mhz <= 0) return new CpuPeak(0, "unknown: no clock in /proc/cpuinfo");
    double gflops = cores * mhz / 1000 * flopsPerCycle;
    return new CpuPeak(gflops, String.format("%d cores x %.2f GHz (cpuinfo, no turbo) x %d FP32 FLOPs/cycle (%s)",
        cores, mhz / 1000, flopsPerCycle, isa));
  }
}
