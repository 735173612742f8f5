package io.musicrec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PointIdsTest {
  @Test
  void idsAreRfc4122Version5UuidsOfTheTrackId() {
    // Expected values from Python's uuid.uuid5, an independent implementation.
    assertEquals(UUID.fromString("e89d7f14-7dc0-518e-b8ec-65bbfd309f71"), PointIds.NAMESPACE);
    assertEquals(UUID.fromString("d80109f4-847b-58fd-91ef-1240d4630c3b"), PointIds.of("0001"));
    assertEquals(UUID.fromString("1753aa26-5cfd-566b-b514-1acebb47b368"), PointIds.of("3Xyz…ß"));
    assertEquals(5, PointIds.of("x").version());
    assertEquals(2, PointIds.of("x").variant());
  }

  @Test
  void versionNamesSortByCreationAndDropKeepsTheLiveOne() {
    String v1 = CollectionNames.version("music", java.time.Instant.parse("2026-01-02T03:04:05.006Z"));
    assertEquals("music_20260102030405006", v1);
    assertEquals(java.util.Optional.of("music"), CollectionNames.aliasOf(v1));
    var versions = java.util.List.of("music_20260101000000000", "music_20260102000000000", "music_20260103000000000");
    assertEquals(java.util.List.of("music_20260102000000000"),
        CollectionNames.beyondKept(versions, 1, "music_20260101000000000"));
    assertEquals(java.util.List.of("music_20260101000000000"),
        CollectionNames.versionsOf("music", java.util.List.of("music_20260101000000000", "music_x", "musical_20260101000000000", "music")));
  }
}
