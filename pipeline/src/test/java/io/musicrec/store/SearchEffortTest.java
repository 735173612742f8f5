package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SearchEffortTest {
  @Test
  void theAutomaticEffortDoublesWithEachFourfoldGrowthPast100kPoints() {
    assertEquals(100, SearchEffort.forPoints(0));
    assertEquals(100, SearchEffort.forPoints(100_000));
    assertEquals(200, SearchEffort.forPoints(100_001));
    assertEquals(200, SearchEffort.forPoints(400_000));
    assertEquals(400, SearchEffort.forPoints(1_000_000));
    assertEquals(400, SearchEffort.forPoints(1_600_000));
    assertEquals(800, SearchEffort.forPoints(1_600_001));
    assertEquals(6_400, SearchEffort.forPoints(409_600_000));
    assertEquals(SearchEffort.MAX, SearchEffort.forPoints(409_600_001), "never beyond what a setting may ask");
    assertEquals(SearchEffort.MAX, SearchEffort.forPoints(Long.MAX_VALUE));
  }

  @Test
  void aConfiguredEffortWinsAtAnySize() {
    assertEquals(150, SearchEffort.resolve(150, 10));
    assertEquals(150, SearchEffort.resolve(150, 10_000_000));
    assertEquals(400, SearchEffort.resolve(SearchEffort.AUTOMATIC, 1_000_000));
    assertThrows(IllegalArgumentException.class, () -> SearchEffort.resolve(-1, 10));
  }
}
