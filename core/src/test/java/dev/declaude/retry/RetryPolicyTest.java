package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.CONNECTION;
import static dev.declaude.annotation.ErrorKind.OVERLOADED;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.Jitter;
import dev.declaude.annotation.RetryOn;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @RetryOn(value = RATE_LIMIT, maxAttempts = 5)
  interface Bot {
    @RetryOn(
        value = {SERVER, CONNECTION},
        maxAttempts = 2,
        initialDelayMs = 100,
        maxDelayMs = 1000,
        multiplier = 3,
        jitter = Jitter.EQUAL,
        maxElapsedMs = 5000)
    String own();

    String inherited();
  }

  interface Plain {
    String plain();
  }

  @Test
  void ofCopiesEveryAnnotationValue() throws Exception {
    RetryPolicy p = RetryPolicy.of(Bot.class.getMethod("own").getAnnotation(RetryOn.class));

    assertEquals(Set.of(SERVER, CONNECTION), p.kinds());
    assertEquals(2, p.maxAttempts());
    assertEquals(Duration.ofMillis(100), p.initialDelay());
    assertEquals(Duration.ofMillis(1000), p.maxDelay());
    assertEquals(3.0, p.multiplier());
    assertEquals(Jitter.EQUAL, p.jitter());
    assertEquals(Optional.of(Duration.ofMillis(5000)), p.maxElapsed());
  }

  @Test
  void theMethodsAnnotationWinsOverTheTypes() throws Exception {
    assertEquals(2, RetryPolicy.resolve(Bot.class.getMethod("own")).maxAttempts());
  }

  @Test
  void aMethodWithoutAnAnnotationTakesItsTypes() throws Exception {
    RetryPolicy p = RetryPolicy.resolve(Bot.class.getMethod("inherited"));

    assertEquals(Set.of(RATE_LIMIT), p.kinds());
    assertEquals(5, p.maxAttempts());
    assertEquals(Optional.empty(), p.maxElapsed());
  }

  @Test
  void aMethodWithNoAnnotationAnywhereGetsTheFallback() throws Exception {
    RetryPolicy fallback = RetryPolicy.builder().retryOn(SERVER).build();

    assertSame(RetryPolicy.none(), RetryPolicy.resolve(Plain.class.getMethod("plain")));
    assertSame(fallback, RetryPolicy.resolve(Plain.class.getMethod("plain"), fallback));
  }

  @Test
  void noneMakesOneAttemptAndRetriesNothing() {
    assertEquals(1, RetryPolicy.none().maxAttempts());
    assertEquals(Set.of(), RetryPolicy.none().kinds());
  }

  @Test
  void serverCoversOverloadedButNotTheOtherWayRound() {
    assertTrue(RetryPolicy.builder().retryOn(SERVER).build().retries(Failures.overloaded("req_1")));
    assertFalse(RetryPolicy.builder().retryOn(OVERLOADED).build().retries(Failures.server("req_1")));
  }

  @Test
  void rateLimitDoesNotCoverTheSpendCap() {
    assertFalse(RetryPolicy.builder().retryOn(RATE_LIMIT).build().retries(Failures.spendLimit()));
  }

  @Test
  void xShouldRetryFalseForbidsAListedKind() {
    assertFalse(RetryPolicy.builder().retryOn(SERVER).build().retries(Failures.serverSaying(false)));
  }

  @Test
  void xShouldRetryTrueDoesNotMakeAnUnlistedKindRetryable() {
    assertFalse(RetryPolicy.builder().retryOn(RATE_LIMIT).build().retries(Failures.serverSaying(true)));
  }

  @Test
  void backoffGrowsByTheMultiplierUpToMaxDelay() {
    RetryPolicy p = RetryPolicy.builder().backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2).build();

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

  interface BaseService {
    String ask(String q);
  }

  @dev.declaude.annotation.RetryOn(value = dev.declaude.annotation.ErrorKind.SERVER, maxAttempts = 7)
  interface AnnotatedService extends BaseService {}

  @Test
  void aMethodInheritedFromAnUnannotatedInterfaceTakesTheServiceInterfacesPolicy() throws Exception {
    java.lang.reflect.Method ask = BaseService.class.getMethod("ask", String.class);

    assertEquals(7, RetryPolicy.resolve(AnnotatedService.class, ask, RetryPolicy.none()).maxAttempts());
    assertEquals(RetryPolicy.none(), RetryPolicy.resolve(ask, RetryPolicy.none()));
  }
}
