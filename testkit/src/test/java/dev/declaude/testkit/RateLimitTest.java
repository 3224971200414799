package dev.declaude.testkit;

import static dev.declaude.testkit.AuthAndVersionTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  private static final String BODY = RawClient.json(RawClient.request("Hi"));
  private static final String MESSAGE =
      "Number of requests has exceeded your per-minute rate limit (30 requests per"
          + " minute); see the response headers for current usage. Please try again later.";

  private final FakeClock clock = FakeClock.at(START);
  private ClaudeSimulator sim;

  private RawClient start(ClaudeSimulatorBuilder builder) {
    sim = builder.clock(clock).build().start();
    return new RawClient(sim);
  }

  @AfterEach
  void close() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void theBurstIsServedThenA429SaysWhenToComeBack() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().rateLimit(0.5, 2));

    RawClient.Answer first = client.messages(BODY);
    RawClient.Answer second = client.messages(BODY);
    RawClient.Answer third = client.messages(BODY);

    // The limit is per minute, as the API reports it (0.5/s = 30 RPM), not the bucket's burst of 2
    assertEquals("30", first.header("anthropic-ratelimit-requests-limit"));
    assertEquals("1", first.header("anthropic-ratelimit-requests-remaining"));
    assertEquals("2026-11-24T10:00:02Z", first.header("anthropic-ratelimit-requests-reset"));
    assertEquals(200, second.status());
    assertEquals("0", second.header("anthropic-ratelimit-requests-remaining"));
    assertError(third, 429, "rate_limit_error", MESSAGE);
    assertEquals("2", third.header("retry-after"));
    assertNull(third.header("retry-after-ms"));
    assertEquals("0", third.header("anthropic-ratelimit-requests-remaining"));
    assertEquals("2026-11-24T10:00:04Z", third.header("anthropic-ratelimit-requests-reset"));
  }

  @Test
  void theLimitCanReportTheBurstAsSomeGatewaysDo() throws IOException {
    RawClient client =
        start(
            ClaudeSimulator.builder()
                .rateLimit(0.5, 2)
                .requestsLimitHeader(RequestsLimitHeader.BURST));

    RawClient.Answer first = client.messages(BODY);
    client.messages(BODY);
    RawClient.Answer third = client.messages(BODY);

    // The bucket is the same (burst 2, one back every 2 s); only the limit header says 2 instead of
    // 30 RPM.
    assertEquals("2", first.header("anthropic-ratelimit-requests-limit"));
    assertEquals("1", first.header("anthropic-ratelimit-requests-remaining"));
    assertEquals("2026-11-24T10:00:02Z", first.header("anthropic-ratelimit-requests-reset"));
    assertError(third, 429, "rate_limit_error", MESSAGE);
    assertEquals("2", third.header("anthropic-ratelimit-requests-limit"));
    assertEquals("0", third.header("anthropic-ratelimit-requests-remaining"));
    assertEquals("2", third.header("retry-after"));
  }

  @Test
  void reportingTheBurstNeedsARequestRateLimit() {
    ClaudeSimulatorBuilder builder =
        ClaudeSimulator.builder().requestsLimitHeader(RequestsLimitHeader.BURST);

    IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

    assertEquals(
        "requestsLimitHeader(BURST) reports the burst of the request rate limit; set"
            + " rateLimit(requestsPerSecond, burst) too",
        e.getMessage());
  }

  @Test
  void retryAfterRoundsUpToWholeSecondsAndMillisAreExact() throws IOException {
    RawClient client =
        start(
            ClaudeSimulator.builder()
                .rateLimit(0.4, 1)
                .retryAfterStyle(RetryAfterStyle.WITH_MILLIS));
    client.messages(BODY);
    clock.advance(Duration.ofMillis(500));

    RawClient.Answer limited = client.messages(BODY);

    // 0.2 tokens back after 0.5 s; the missing 0.8 take 2 s at 0.4 per second.
    assertEquals(429, limited.status());
    assertEquals("2000", limited.header("retry-after-ms"));
    assertEquals("2", limited.header("retry-after"));
    clock.advance(Duration.ofMillis(1999));
    assertEquals(429, client.messages(BODY).status());
  }

  @Test
  void waitingAsLongAsRetryAfterSaysLetsTheNextRequestThrough() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().rateLimit(1, 1));
    client.messages(BODY);
    RawClient.Answer limited = client.messages(BODY);

    clock.advance(Duration.ofSeconds(Long.parseLong(limited.header("retry-after"))));

    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void resetRefillsTheBucket() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().rateLimit(1, 1));
    client.messages(BODY);
    assertEquals(429, client.messages(BODY).status());

    sim.reset();

    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void countTokensIsNotLimitedByTheMessagesBucket() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().rateLimit(1, 1));
    client.messages(BODY);
    String count = RawClient.json(RawClient.request("Hi").without("max_tokens"));

    assertEquals(200, client.post("/v1/messages/count_tokens", count).status());
  }
}
