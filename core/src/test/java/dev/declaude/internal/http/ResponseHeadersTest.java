package dev.declaude.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
  private static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

  @Test
  void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
    assertEquals(
        Duration.ofSeconds(90),
        ResponseHeaders.retryAfter(null, "Tue, 24 Nov 2026 20:01:30 GMT", NOW));
  }

  @Test
  void aRetryAfterDateInThePastIsNoWait() {
    assertNull(ResponseHeaders.retryAfter(null, "Tue, 24 Nov 2026 19:59:00 GMT", NOW));
  }

  @Test
  void retryAfterMsWinsAndMayBeFractional() {
    assertEquals(Duration.ofNanos(1_500_000), ResponseHeaders.retryAfter("1.5", "30", NOW));
  }

  @Test
  void anUnreadableRetryAfterMsFallsBackToRetryAfter() {
    assertEquals(Duration.ofSeconds(4), ResponseHeaders.retryAfter("soon", "4", NOW));
  }

  @Test
  void zeroAndNegativeWaitsAreNoWait() {
    assertNull(ResponseHeaders.retryAfter("0", "0", NOW));
    assertNull(ResponseHeaders.retryAfter("-5", "-1", NOW));
  }

  @Test
  void anAbsurdWaitIsKeptAsTheServerSaidItWithoutOverflowing() {
    // Bounding waits is the engine's job (maxServerWait); the exception still reports what was
    // asked.
    assertEquals(
        Duration.ofSeconds(999_999_999_999L),
        ResponseHeaders.retryAfter(null, "999999999999", NOW));
    assertEquals(
        Duration.ofSeconds(999_999_999_999L, 999_000_001),
        ResponseHeaders.retryAfter("999999999999999.000001", null, NOW));
  }

  @Test
  void aRequestIdIsEscapedAndCapped() {
    String withEscape = " req_1" + (char) 27 + "[2J\nx ";
    assertEquals("req_1\\u001b[2J\\nx", ResponseHeaders.requestId(withEscape));
    assertEquals(128 + 3, ResponseHeaders.requestId("r".repeat(1000)).length());
  }

  @Test
  void metadataCarriesRequestIdAndSignals() {
    Map<String, String> h =
        Map.of("request-id", "req_9", "x-should-retry", "false", "retry-after", "7");
    var m = ResponseHeaders.parse(529, h::get, NOW);
    assertEquals("req_9", m.requestId());
    assertEquals(Boolean.FALSE, m.shouldRetry());
    assertEquals(Duration.ofSeconds(7), m.retryAfter());
    assertEquals(529, m.status());
    assertEquals(true, m.rateLimits().isEmpty());
  }
}
