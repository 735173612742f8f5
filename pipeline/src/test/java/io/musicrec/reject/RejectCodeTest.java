package io.musicrec.reject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The report texts other tools read, and what each code says about the file. */
class RejectCodeTest {
  @Test
  void theReportTextsStayTheOnesReportsAlwaysCarried() {
    assertEquals(List.of("not_a_file", "broken_link", "duplicate_id", "empty", "io_error", "timeout", "not_audio",
            "unsupported", "corrupt", "truncated", "too_short", "silent", "non_finite_input", "non_finite_output"),
        Arrays.stream(RejectCode.values()).map(RejectCode::code).toList());
    for (RejectCode code : RejectCode.values()) assertEquals(code, RejectCode.fromCode(code.code()));
  }

  @Test
  void onlyAFailedOrTimedOutReadIsTransientAndOnlyModelRejectsComeAfterDecoding() {
    assertEquals(Set.of(RejectCode.IO_ERROR, RejectCode.TIMEOUT),
        Arrays.stream(RejectCode.values()).filter(RejectCode::isTransient).collect(Collectors.toSet()));
    assertEquals(Set.of(RejectCode.NON_FINITE_INPUT, RejectCode.NON_FINITE_OUTPUT),
        Arrays.stream(RejectCode.values()).filter(RejectCode::afterDecoding).collect(Collectors.toSet()));
  }

  @Test
  void jsonCarriesTheCodeAndAnUnknownCodeIsAnErrorNamingTheKnownOnes() throws Exception {
    assertEquals("\"too_short\"", new ObjectMapper().writeValueAsString(RejectCode.TOO_SHORT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RejectCode.fromCode("gone"));
    assertTrue(e.getMessage().contains("'gone'") && e.getMessage().contains("broken_link"), e.getMessage());
  }
}
