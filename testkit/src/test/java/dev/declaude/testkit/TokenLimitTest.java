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

class TokenLimitTest {
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  // 1,000 tokens of text plus 3 for the message: 1,003 input tokens.
  private static final String THOUSAND =
      RawClient.json(RawClient.request(RawClient.MODEL, 4096, "abcd".repeat(1000)));
  // 1,503 input tokens.
  private static final String FIFTEEN_HUNDRED =
      RawClient.json(RawClient.request(RawClient.MODEL, 64, "abcd".repeat(1500)));
  private static final String SMALL =
      RawClient.json(RawClient.request(RawClient.MODEL, 4096, "Hi"));
  private static final String WORDING =
      " tokens per minute (org: org-test, model: claude-sonnet-4-6). For details,"
          + " refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current"
          + " usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also"
          + " contact sales at https://claude.com/contact-sales to discuss your options for a rate limit increase.";

  private final FakeClock clock = FakeClock.at(START);
  private ClaudeSimulator sim;

  private RawClient start(ClaudeSimulatorBuilder builder) {
    sim = builder.clock(clock).organizationId("org-test").build().start();
    return new RawClient(sim);
  }

  @AfterEach
  void close() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aRequestTakesItsInputTokensAndEveryTokenFamilyReportsTheBucket() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().inputTokensPerMinute(10_000));
    sim.enqueueReply("ok");

    RawClient.Answer answer = client.messages(THOUSAND);

    // 10,000 - 1,003 = 8,997 left, shown to the nearest thousand; full again after 1,003 / (10,000
    // / 60 s).
    assertEquals(200, answer.status());
    assertEquals("10000", answer.header("anthropic-ratelimit-input-tokens-limit"));
    assertEquals("9000", answer.header("anthropic-ratelimit-input-tokens-remaining"));
    assertEquals("2026-11-24T10:00:07Z", answer.header("anthropic-ratelimit-input-tokens-reset"));
    assertEquals("10000", answer.header("anthropic-ratelimit-tokens-limit"));
    assertEquals("9000", answer.header("anthropic-ratelimit-tokens-remaining"));
    assertEquals("2026-11-24T10:00:07Z", answer.header("anthropic-ratelimit-tokens-reset"));
    // Output tokens are not limited: the generous constant less the one token generated.
    assertEquals("1000000", answer.header("anthropic-ratelimit-output-tokens-limit"));
    assertEquals("1000000", answer.header("anthropic-ratelimit-output-tokens-remaining"));
  }

  @Test
  void aRequestNeedingMoreInputTokensThanAreLeftGetsA429UntilTheBucketHoldsThem()
      throws IOException {
    RawClient client = start(ClaudeSimulator.builder().inputTokensPerMinute(2_000));
    assertEquals(200, client.messages(FIFTEEN_HUNDRED).status());

    RawClient.Answer refused = client.messages(FIFTEEN_HUNDRED);

    // 497 left; the missing 1,006 come back at 2,000 / 60 s per second: 30.2 s, rounded up.
    assertError(
        refused,
        429,
        "rate_limit_error",
        "This request would exceed your organization's rate limit of 2,000 input" + WORDING);
    assertEquals("31", refused.header("retry-after"));
    assertEquals("2000", refused.header("anthropic-ratelimit-input-tokens-limit"));
    assertEquals("0", refused.header("anthropic-ratelimit-input-tokens-remaining"));
    assertEquals("2026-11-24T10:00:46Z", refused.header("anthropic-ratelimit-input-tokens-reset"));
    assertEquals("2000", refused.header("anthropic-ratelimit-tokens-limit"));
    clock.advance(Duration.ofSeconds(30));
    assertEquals("1", client.messages(FIFTEEN_HUNDRED).header("retry-after"));
    clock.advance(Duration.ofSeconds(1));
    assertEquals(200, client.messages(FIFTEEN_HUNDRED).status());
  }

  @Test
  void aRequestLargerThanAMinutesInputLimitCanNeverPassAndSaysSo() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().inputTokensPerMinute(1_000));

    RawClient.Answer refused = client.messages(FIFTEEN_HUNDRED);

    assertError(
        refused,
        429,
        "rate_limit_error",
        "This request would exceed your organization's rate limit of 1,000 input"
            + WORDING
            + " This request needs 1,503 input tokens, more than the 1,000 a minute allows: it cannot succeed,"
            + " however long it waits.");
    assertNull(refused.header("retry-after"));
    assertEquals("false", refused.header("x-should-retry"));
  }

  @Test
  void maxTokensIsReservedAtTheStartAndWhatWasNotGeneratedComesBack() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().outputTokensPerMinute(6_000));
    sim.enqueueReply("ok").enqueueReply("ok");

    RawClient.Answer first = client.messages(SMALL);
    RawClient.Answer second = client.messages(SMALL);

    // 4,096 reserved: 1,904 left while it runs; 4,095 unused come back, so the second fits as well.
    assertEquals("6000", first.header("anthropic-ratelimit-output-tokens-limit"));
    assertEquals("2000", first.header("anthropic-ratelimit-output-tokens-remaining"));
    assertEquals("2026-11-24T10:00:41Z", first.header("anthropic-ratelimit-output-tokens-reset"));
    assertEquals(200, second.status());
    assertEquals("2000", second.header("anthropic-ratelimit-output-tokens-remaining"));
  }

  @Test
  void aRequestWhoseMaxTokensDoNotFitTheOutputBucketGetsA429() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().outputTokensPerMinute(6_000));
    String thousandTokens = "abcd".repeat(1000);
    sim.enqueueReply(thousandTokens).enqueueReply(thousandTokens);
    client.messages(SMALL);
    client.messages(SMALL);

    RawClient.Answer refused = client.messages(SMALL);

    // Two answers of 1,000 tokens leave 4,000, short of max_tokens 4,096 by 96: 0.96 s at 100 per
    // second.
    assertError(
        refused,
        429,
        "rate_limit_error",
        "This request would exceed your organization's rate limit of 6,000 output" + WORDING);
    assertEquals("1", refused.header("retry-after"));
    assertEquals("4000", refused.header("anthropic-ratelimit-output-tokens-remaining"));
    assertEquals("2026-11-24T10:00:20Z", refused.header("anthropic-ratelimit-output-tokens-reset"));
  }

  @Test
  void theTokensFamilyShowsTheMoreRestrictiveLimit() throws IOException {
    RawClient client =
        start(ClaudeSimulator.builder().inputTokensPerMinute(100_000).outputTokensPerMinute(8_000));
    sim.enqueueReply("ok");

    RawClient.Answer answer = client.messages(THOUSAND);

    assertEquals("99000", answer.header("anthropic-ratelimit-input-tokens-remaining"));
    assertEquals("4000", answer.header("anthropic-ratelimit-output-tokens-remaining"));
    assertEquals("8000", answer.header("anthropic-ratelimit-tokens-limit"));
    assertEquals("4000", answer.header("anthropic-ratelimit-tokens-remaining"));
    assertEquals("2026-11-24T10:00:31Z", answer.header("anthropic-ratelimit-tokens-reset"));
  }

  @Test
  void requestsAreCheckedFirstAndTheirRefusalTakesNoTokens() throws IOException {
    RawClient client =
        start(
            ClaudeSimulator.builder()
                .rateLimit(1, 1)
                .inputTokensPerMinute(10_000)
                .outputTokensPerMinute(8_000));
    sim.enqueueReply("ok");
    client.messages(THOUSAND);

    RawClient.Answer refused = client.messages(THOUSAND);

    assertError(
        refused,
        429,
        "rate_limit_error",
        "Number of requests has exceeded your per-minute rate limit"
            + " (60 requests per minute); see the response headers for current usage. Please try again later.");
    assertEquals("0", refused.header("anthropic-ratelimit-requests-remaining"));
    assertEquals("9000", refused.header("anthropic-ratelimit-input-tokens-remaining"));
    assertEquals("8000", refused.header("anthropic-ratelimit-output-tokens-remaining"));
  }

  @Test
  void countTokensTakesNothingButReportsTheBuckets() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().inputTokensPerMinute(10_000));
    String count = RawClient.json(RawClient.request("Hi").without("max_tokens"));

    RawClient.Answer answer = client.post("/v1/messages/count_tokens", count);

    assertEquals(200, answer.status());
    assertEquals("10000", answer.header("anthropic-ratelimit-input-tokens-remaining"));
    assertEquals("2026-11-24T10:00:00Z", answer.header("anthropic-ratelimit-input-tokens-reset"));
  }

  @Test
  void resetFillsTheTokenBuckets() throws IOException {
    RawClient client = start(ClaudeSimulator.builder().inputTokensPerMinute(2_000));
    client.messages(FIFTEEN_HUNDRED);

    sim.reset();

    // Without the reset only 497 would be left for the 1,503 this request needs.
    assertEquals(200, client.messages(FIFTEEN_HUNDRED).status());
  }

  @Test
  void theBuilderRefusesTokenLimitsBelowOne() {
    IllegalArgumentException input =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClaudeSimulator.builder().inputTokensPerMinute(0));
    assertEquals("inputTokensPerMinute must be >= 1, was 0", input.getMessage());
    IllegalArgumentException output =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClaudeSimulator.builder().outputTokensPerMinute(-5));
    assertEquals("outputTokensPerMinute must be >= 1, was -5", output.getMessage());
  }
}
