package io.musicrec.jobs.bench;

import java.lang.management.ManagementFactory;

/**
 * Where a bench ran. The load averages bracket the run because the figures only mean something
 * next to how busy the machine was: other processes share its cores.
 *
 * @param memoryBytes physical memory of the machine
 * @param maxHeapBytes the JVM's heap limit
 * @param datasetTracks files in the corpus the stages use
 * @param datasetSecondsPerTrack length of each generated track (null for a dataset the generator did not make)
 * @param datasetBytes size of those files on disk
 * @param indexPoints points in the collection the query stage measured (null without it)
 */
public record Environment(
    int cores,
    long memoryBytes,
    long maxHeapBytes,
    String jvm,
    String os,
    String sparkVersion,
    String sparkMaster,
    String model,
    String store,
    String dataset,
    int datasetTracks,
    Double datasetSecondsPerTrack,
    long datasetBytes,
    Integer indexPoints,
    double loadAverageStart,
    Double loadAverageEnd,
    String note) {

  /** {@code corpus} is null when only the scale stage runs (synthetic vectors, no audio). */
  static Environment capture(String sparkMaster, String model, String store, BenchCorpus corpus) {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
    return new Environment(Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        org.apache.spark.package$.MODULE$.SPARK_VERSION(), sparkMaster, model, store,
        corpus == null ? null : corpus.root().toString(), corpus == null ? 0 : corpus.files().size(),
        corpus == null ? null : corpus.secondsPerTrack(), corpus == null ? 0 : corpus.bytes(), null,
        loadAverage(), null,
        "load average = runnable processes averaged over 1 min, for the whole machine; above the core count"
            + " means other work competed with this run and every figure is pessimistic");
  }

  Environment finish(Integer points) {
    return new Environment(cores, memoryBytes, maxHeapBytes, jvm, os, sparkVersion, sparkMaster, model, store,
        dataset, datasetTracks, datasetSecondsPerTrack, datasetBytes, points, loadAverageStart, loadAverage(), note);
  }

  static double loadAverage() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
  }
}
