package io.musicrec.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

class GpuAssignmentTest {
  @Test
  void takesTheFirstAssignedGpuIndex() {
    assertEquals(OptionalInt.of(1),
        GpuAssignment.fromResources(Map.of("gpu", new ResourceInformation("gpu", new String[] {"1", "3"}))));
  }

  @Test
  void noGpuResourceMeansCpu() {
    assertEquals(OptionalInt.empty(), GpuAssignment.fromResources(Map.of()));
    assertEquals(OptionalInt.empty(),
        GpuAssignment.fromResources(Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))));
    assertEquals(OptionalInt.empty(), GpuAssignment.firstDevice(new String[0]));
    assertEquals(OptionalInt.empty(), GpuAssignment.current(), "outside a Spark task");
  }

  @Test
  void aNonIndexAddressIsAClearError() {
    EmbedException e = assertThrows(EmbedException.class,
        () -> GpuAssignment.firstDevice(new String[] {"GPU-8f3a2c1e"}));
    assertEquals(true, e.getMessage().contains("discovery script"), e.getMessage());
  }
}
