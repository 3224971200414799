package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.RateLimitException;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: one 429 with {@code retry-after: 99999999999}, or an exhausted limit whose {@code
 * -reset} lies in the year 3000, closed the pacer of the engine every client shared for centuries,
 * so other clients (other key, other base URL) sent nothing and blocked, and a {@code -reset} at
 * the end of time made an {@code ArithmeticException} escape. Waits the server asks for are now
 * bounded by {@code maxServerWait}.
 */
class HugeServerWaitFreezesNoClientTest {
  private static final RetryPolicy RATE_LIMITS =
      RetryPolicy.builder().retryOn(ErrorKind.RATE_LIMIT).maxAttempts(3).build();

  private final Loopback api = new Loopback();
  private final Loopback other = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
    other.close();
  }

  private static MockResponse rateLimited() {
    return Loopback.error(429, "rate_limit_error", "Rate limited", "req_1");
  }

  @Test
  void aRetryAfterBeyondTheBoundFailsAtOnceWithWhatTheServerAsked() {
    api.server.enqueue(rateLimited().setHeader("retry-after", "99999999999"));
    try (ClaudeClient client =
        api.client().retryEngine(api.engine().build()).defaultRetryPolicy(RATE_LIMITS).build()) {

      RateLimitException e =
          assertThrows(RateLimitException.class, () -> client.send(Loopback.request()));

      assertEquals(Optional.of(Duration.ofSeconds(99_999_999_999L)), e.retryAfter());
      assertEquals(1, e.attempts());
      assertEquals(
          "429 rate_limit_error: Rate limited (request-id req_1); not retried: the server asked to wait"
              + " 1157407 days (retry-after), more than maxServerWait (2 minutes); raise it with"
              + " ClaudeClient.builder().maxServerWait(...) or @RetryOn(maxServerWaitMs = ...) if waits that"
              + " long are expected",
          e.getMessage());
      assertEquals(1, api.server.getRequestCount());
      assertEquals(List.of(), api.time.sleeps());
    }
  }

  @Test
  void afterAHugeRetryAfterOtherClientsOfTheSameEngineSendAtOnce() {
    RetryEngine shared = api.engine().build();
    api.server.enqueue(rateLimited().setHeader("retry-after", "99999999999"));
    other.server.enqueue(Loopback.ok());
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient hostile = api.client().retryEngine(shared).build();
        ClaudeClient innocent =
            other.client().apiKey("sk-ant-test-other-key-0000000000").retryEngine(shared).build()) {
      assertThrows(RateLimitException.class, () -> hostile.send(Loopback.request()));

      assertEquals("Hello", innocent.send(Loopback.request()).text());
      assertEquals("Hello", hostile.send(Loopback.request()).text());

      assertEquals(List.of(), api.time.sleeps());
    }
  }

  @Test
  void anExhaustedLimitResettingInTheYear3000HoldsNobody() {
    api.server.enqueue(
        Loopback.ok()
            .setHeader("anthropic-ratelimit-requests-limit", "50")
            .setHeader("anthropic-ratelimit-requests-remaining", "0")
            .setHeader("anthropic-ratelimit-requests-reset", "3000-01-01T00:00:00Z")
            .setHeader("anthropic-ratelimit-input-tokens-limit", "40000")
            .setHeader("anthropic-ratelimit-input-tokens-remaining", "0")
            .setHeader("anthropic-ratelimit-input-tokens-reset", "3000-01-01T00:00:00Z"));
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      client.send(Loopback.request());

      assertEquals("Hello", client.send(Loopback.request()).text());

      // The requests bucket still paces at 50 a minute (one per 1.2 s); nothing waits for the year
      // 3000.
      assertEquals(List.of(1200L), api.time.sleeps());
    }
  }

  @Test
  void aResetAtTheEndOfTimeIsReadWithoutAnArithmeticException() {
    String endOfTime = "+999999999-12-31T23:59:59Z";
    MockResponse response = rateLimited().setHeader("retry-after", "1");
    for (String family : List.of("requests", "tokens", "input-tokens", "output-tokens")) {
      response
          .setHeader("anthropic-ratelimit-" + family + "-limit", "9223372036854775807")
          .setHeader("anthropic-ratelimit-" + family + "-remaining", "0")
          .setHeader("anthropic-ratelimit-" + family + "-reset", endOfTime);
    }
    api.server.enqueue(response);
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient client =
        api.client().retryEngine(api.engine().build()).defaultRetryPolicy(RATE_LIMITS).build()) {

      assertEquals("Hello", client.send(Loopback.request()).text());

      assertEquals(2, api.server.getRequestCount());
    }
  }

  @Test
  void aCallWithADeadlineIsNotRefusedAfterAHostileResponse() {
    api.server.enqueue(rateLimited().setHeader("retry-after", "99999999999"));
    api.server.enqueue(Loopback.ok());
    RetryPolicy withDeadline =
        RetryPolicy.builder().retryOn(ErrorKind.SERVER).maxElapsed(Duration.ofSeconds(5)).build();
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      assertThrows(RateLimitException.class, () -> client.send(Loopback.request()));

      try (ClaudeClient bounded =
          api.client().retryEngine(api.engine().build()).defaultRetryPolicy(withDeadline).build()) {
        assertEquals("Hello", bounded.send(Loopback.request()).text());
      }
    }
  }

  @Test
  void aPolicyMayAllowALongerWaitThanTheEngine() {
    api.server.enqueue(rateLimited().setHeader("retry-after", "300"));
    api.server.enqueue(Loopback.ok());
    RetryPolicy patient =
        RetryPolicy.builder()
            .retryOn(ErrorKind.RATE_LIMIT)
            .maxServerWait(Duration.ofMinutes(10))
            .build();
    try (ClaudeClient client =
        api.client().retryEngine(api.engine().build()).defaultRetryPolicy(patient).build()) {

      assertEquals("Hello", client.send(Loopback.request()).text());

      // 300 s, plus the spread of at most a second that keeps callers from returning in one instant
      assertEquals(List.of(300_500L), api.time.sleeps());
    }
  }

  @Test
  void theClientBuilderSetsTheBound() {
    api.server.enqueue(rateLimited().setHeader("retry-after", "10"));
    try (ClaudeClient client =
        api.client().maxServerWait(Duration.ofSeconds(5)).defaultRetryPolicy(RATE_LIMITS).build()) {

      RateLimitException e =
          assertThrows(RateLimitException.class, () -> client.send(Loopback.request()));

      assertEquals(Optional.of(Duration.ofSeconds(10)), e.retryAfter());
      assertEquals(1, api.server.getRequestCount());
    }
  }

  @Test
  void theBoundCannotBeSetBesideAnEngineThatWasGiven() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                api.client()
                    .retryEngine(api.engine().build())
                    .maxServerWait(Duration.ofSeconds(5))
                    .build());

    assertEquals(
        "maxServerWait(...), pacing(...), rateLimitDomain(...) and rateLimitStore(...) configure the client's"
            + " own retry engine, but retryEngine(...)"
            + " supplied one: set them on RetryEngine.builder() instead",
        e.getMessage());
  }
}
