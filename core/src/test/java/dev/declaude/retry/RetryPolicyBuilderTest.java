package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.AUTHENTICATION;
import static dev.declaude.annotation.ErrorKind.BILLING;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.Jitter;
import dev.declaude.annotation.ErrorKind;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyBuilderTest {

  @Test
  void defaultsMatchTheRetryOnAnnotation() {
    RetryPolicy p = RetryPolicy.builder().build();

    assertEquals(Set.of(), p.kinds());
    assertEquals(3, p.maxAttempts());
    assertEquals(Duration.ofMillis(500), p.initialDelay());
    assertEquals(Duration.ofSeconds(8), p.maxDelay());
    assertEquals(2.0, p.multiplier());
    assertEquals(Jitter.FULL, p.jitter());
    assertEquals(Optional.empty(), p.maxElapsed());
  }

  @Test
  void aKindThatARetryCannotFixIsRejectedWithTheKindsThatCan() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().retryOn(RATE_LIMIT, AUTHENTICATION));

    assertEquals(
        "AUTHENTICATION cannot be retried: a failure of this kind fails the same way every time, so a"
            + " retry only repeats it; retry only CONFLICT, RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT, CONNECTION",
        e.getMessage());
  }

  @Test
  void billingIsRejectedSoTheSpendCapIsNeverRetried() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().retryOn(BILLING));
  }

  @Test
  void aNullKindIsANullPointerException() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> RetryPolicy.builder().retryOn(SERVER, null));

    assertEquals("kinds contains null", e.getMessage());
  }

  @Test
  void maxAttemptsBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));

    assertEquals(
        "maxAttempts counts every attempt, the first included, so it must be >= 1, was 0; use 1 for no retries",
        e.getMessage());
  }

  @Test
  void initialDelayAboveMaxDelayIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ofSeconds(10), Duration.ofSeconds(8), 2));

    assertEquals(
        "initialDelay must be <= maxDelay, was 10000 ms > 8000 ms; raise maxDelay or lower initialDelay",
        e.getMessage());
  }

  @Test
  void multiplierBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ZERO, Duration.ZERO, 0.5));

    assertEquals("multiplier must be finite and >= 1 (1 keeps the wait constant), was 0.5", e.getMessage());
  }

  @Test
  void aNaNMultiplierIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RetryPolicy.builder().backoff(Duration.ZERO, Duration.ZERO, Double.NaN));
  }

  @Test
  void aNegativeDelayIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ofMillis(-1), Duration.ZERO, 1));

    assertEquals("initialDelay must be >= 0, was -1 ms", e.getMessage());
  }

  @Test
  void aZeroDeadlineIsRejectedPointingToNoDeadline() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxElapsed(Duration.ZERO));

    assertEquals("maxElapsed must be > 0, was 0 ms; call noDeadline() for no deadline", e.getMessage());
  }

  @Test
  void aBuiltPolicyDoesNotChangeWhenTheBuilderDoes() {
    RetryPolicyBuilder b = RetryPolicy.builder().retryOn(SERVER);
    RetryPolicy built = b.build();

    b.retryOn(RATE_LIMIT).maxAttempts(9);

    assertEquals(Set.of(SERVER), built.kinds());
    assertEquals(3, built.maxAttempts());
  }

  @Test
  void theKindsOfAPolicyCannotBeModified() {
    RetryPolicy p = RetryPolicy.builder().retryOn(SERVER).build();

    assertThrows(UnsupportedOperationException.class, () -> p.kinds().add(ErrorKind.TIMEOUT));
  }
}
