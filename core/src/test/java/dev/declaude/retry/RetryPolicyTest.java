package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.OVERLOADED;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void noneMakesOneAttemptAndRetriesNothing() {
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(Set.of(), RetryPolicy.none().kinds());
  }

  @Test
  void serverCoversOverloadedButNotTheOtherWayRound() {
    assertTrue(RetryPolicy.builder().retryOn(SERVER).build().retries(Failures.overloaded("req_1")));
    assertFalse(
        RetryPolicy.builder().retryOn(OVERLOADED).build().retries(Failures.server("req_1")));
  }

  @Test
  void rateLimitDoesNotCoverTheSpendCap() {
    assertFalse(RetryPolicy.builder().retryOn(RATE_LIMIT).build().retries(Failures.spendLimit()));
  }

  @Test
  void xShouldRetryFalseForbidsAListedKind() {
    assertFalse(
        RetryPolicy.builder().retryOn(SERVER).build().retries(Failures.serverSaying(false)));
  }

  @Test
  void xShouldRetryTrueDoesNotMakeAnUnlistedKindRetryable() {
    assertFalse(
        RetryPolicy.builder().retryOn(RATE_LIMIT).build().retries(Failures.serverSaying(true)));
  }

  @Test
  void backoffGrowsByTheMultiplierUpToMaxDelay() {
    RetryPolicy p =
        RetryPolicy.builder().backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2).build();

    assertEquals(Duration.ofMillis(100), p.backoffBefore(1));
    assertEquals(Duration.ofMillis(200), p.backoffBefore(2));
    assertEquals(Duration.ofMillis(400), p.backoffBefore(3));
    assertEquals(Duration.ofMillis(500), p.backoffBefore(4));
    assertEquals(Duration.ofMillis(500), p.backoffBefore(2000));
  }

  @Test
  void backoffBeforeRetryZeroIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.none().backoffBefore(0));

    assertEquals("retry must be >= 1 (the first retry is 1), was 0", e.getMessage());
  }

  @Test
  void policiesWithTheSameSettingsAreEqual() {
    RetryPolicy a = RetryPolicy.builder().retryOn(SERVER).maxElapsed(Duration.ofSeconds(1)).build();
    RetryPolicy b = RetryPolicy.builder().retryOn(SERVER).maxElapsed(Duration.ofSeconds(1)).build();

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(
        "RetryPolicy{kinds=[SERVER], maxAttempts=3, initialDelay=500ms, maxDelay=8000ms, multiplier=2.0,"
            + " jitter=FULL, maxElapsed=1000ms}",
        a.toString());
  }
}
