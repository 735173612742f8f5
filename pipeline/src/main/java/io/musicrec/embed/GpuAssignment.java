package io.musicrec.embed;

import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/** The CUDA device Spark assigned to the running task through its "gpu" resource, if any. */
public final class GpuAssignment {
  public static final String RESOURCE = "gpu";

  private GpuAssignment() {}

  /** The current task's GPU, or empty outside a task or in a task without a "gpu" resource. */
  public static OptionalInt current() {
    TaskContext task = TaskContext.get();
    return task == null ? OptionalInt.empty() : fromResources(task.resourcesJMap());
  }

  static OptionalInt fromResources(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources == null ? null : resources.get(RESOURCE);
    return gpu == null ? OptionalInt.empty() : firstDevice(gpu.addresses());
  }

  /** CUDA wants an ordinal: the discovery script must report GPU indexes, not UUIDs. */
  static OptionalInt firstDevice(String[] addresses) {
    if (addresses == null || addresses.length == 0) return OptionalInt.empty();
    String address = addresses[0].trim();
    try {
      int device = Integer.parseInt(address);
      if (device < 0) throw new NumberFormatException();
      return OptionalInt.of(device);
    } catch (NumberFormatException e) {
      throw new EmbedException("Spark assigned GPU address '" + address + "', which is not a CUDA device"
          + " index; make the GPU discovery script print indexes such as [\"0\",\"1\"]");
    }
  }
}
