package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.AUTHENTICATION;
import static dev.declaude.annotation.ErrorKind.BILLING;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
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
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().retryOn(RATE_LIMIT, AUTHENTICATION));

    assertEquals(
        "AUTHENTICATION cannot be fixed by retrying: the same request fails the same way again; retry only"
            + " CONFLICT, RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT, CONNECTION",
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
        "maxAttempts is 0 but must be at least 1 (it counts the first attempt); use 1 for no retries",
        e.getMessage());
  }

  @Test
  void initialDelayAboveMaxDelayIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ofSeconds(10), Duration.ofSeconds(8), 2));

    assertEquals(
        "initialDelay 10000 ms exceeds maxDelay 8000 ms; lower initialDelay or raise maxDelay",
        e.getMessage());
  }

  @Test
  void multiplierBelowOneIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ZERO, Duration.ZERO, 0.5));

    assertEquals(
        "multiplier 0.5 is below 1, so waits would shrink; use 1 for a constant wait or more",
        e.getMessage());
  }

  @Test
  void aNaNMultiplierIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ZERO, Duration.ZERO, Double.NaN));

    assertEquals(
        "multiplier NaN is not a finite number; use 1 for a constant wait or more", e.getMessage());
  }

  @Test
  void aNegativeDelayIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().backoff(Duration.ofMillis(-1), Duration.ZERO, 1));

    assertEquals("initialDelay is -1 ms but must not be negative", e.getMessage());
  }

  @Test
  void aZeroDeadlineIsRejectedPointingToNoDeadline() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RetryPolicy.builder().maxElapsed(Duration.ZERO));

    assertEquals(
        "maxElapsed must be > 0, was 0 ms; call noDeadline() for no deadline", e.getMessage());
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
