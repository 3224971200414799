package dev.declaude.internal.retry;

import static dev.declaude.annotation.ErrorKind.CONNECTION;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.annotation.RetryOn;
import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.retry.RetryPolicyBuilder;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPoliciesTest {

  @RetryOn(value = RATE_LIMIT, maxAttempts = 5)
  interface Bot {
    @RetryOn(
        value = {SERVER, CONNECTION},
        maxAttempts = 2,
        initialDelayMs = 100,
        maxDelayMs = 1000,
        multiplier = 3,
        jitter = Jitter.EQUAL,
        maxElapsedMs = 5000,
        maxServerWaitMs = 7000)
    String own();

    String inherited();

    @RetryOn(
        value = {ErrorKind.INVALID_REQUEST, SERVER},
        maxAttempts = 0,
        initialDelayMs = 9,
        maxDelayMs = 1)
    String broken();
  }

  interface Base {
    String ask(String q);
  }

  @RetryOn(value = SERVER, maxAttempts = 7)
  interface AnnotatedService extends Base {}

  @RetryOn(value = CONNECTION, maxAttempts = 4)
  interface AnnotatedBase {
    String ask(String q);
  }

  interface PlainService extends AnnotatedBase {}

  @Test
  void anAnnotationBecomesThePolicyWithEveryValue() throws Exception {
    RetryPolicy p = RetryPolicies.checked(retryOn(Bot.class.getMethod("own")), "own");

    assertEquals(Set.of(SERVER, CONNECTION), p.kinds());
    assertEquals(2, p.maxAttempts());
    assertEquals(Duration.ofMillis(100), p.initialDelay());
    assertEquals(Duration.ofMillis(1000), p.maxDelay());
    assertEquals(3.0, p.multiplier());
    assertEquals(Jitter.EQUAL, p.jitter());
    assertEquals(Optional.of(Duration.ofMillis(5000)), p.maxElapsed());
    assertEquals(Optional.of(Duration.ofMillis(7000)), p.maxServerWait());
  }

  @Test
  void theDefaultsOfTheAnnotationAreTheDefaultsOfTheBuilder() throws Exception {
    RetryPolicy fromAnnotation = RetryPolicies.checked(retryOn(Bot.class), "Bot");
    RetryPolicyBuilder inCode = RetryPolicy.builder().retryOn(RATE_LIMIT).maxAttempts(5);

    assertEquals(inCode.build(), fromAnnotation);
  }

  @Test
  void anInvalidAnnotationNamesWhereItIsAndEveryRuleItBreaksWithTheRulesWords() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RetryPolicies.checked(
                    retryOn(Bot.class.getMethod("broken")), "String Bot.broken()"));

    assertEquals(
        "invalid @RetryOn on String Bot.broken(): "
            + "[declaude:retry-kind] INVALID_REQUEST cannot be fixed by retrying: the same request fails the same way"
            + " again; retry only CONFLICT, RATE_LIMIT, SERVER, OVERLOADED, TIMEOUT, CONNECTION; "
            + "[declaude:retry-max-attempts] maxAttempts is 0 but must be at least 1 (it counts the first attempt);"
            + " use 1 for no retries; "
            + "[declaude:retry-delay] initialDelayMs 9 exceeds maxDelayMs 1; lower initialDelayMs or raise maxDelayMs",
        e.getMessage());
  }

  @Test
  void theBuilderRefusesWhatTheRulesRefuseInTheSameWords() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));

    assertEquals(
        "maxAttempts is 0 but must be at least 1 (it counts the first attempt); use 1 for no retries",
        e.getMessage());
  }

  @Test
  void theMethodsAnnotationWinsOverTheTypes() throws Exception {
    Method own = Bot.class.getMethod("own");

    assertEquals(
        2, RetryPolicies.of(ReflectiveServiceReader.method(own, Bot.class).retry()).maxAttempts());
  }

  @Test
  void aMethodInheritedFromAnUnannotatedInterfaceHasNoneOfItsOwn() throws Exception {
    Method ask = Base.class.getMethod("ask", String.class);

    // The service's own @RetryOn then applies, as ServiceFactory reads it from the service's
    // description.
    assertNull(ReflectiveServiceReader.method(ask, AnnotatedService.class).retry());
    assertEquals(
        7,
        RetryPolicies.of(ReflectiveServiceReader.describe(AnnotatedService.class).retry())
            .maxAttempts());
  }

  @Test
  void aMethodInheritedFromAnAnnotatedInterfaceTakesThatInterfacesPolicyWhenTheServiceHasNone()
      throws Exception {
    Method ask = AnnotatedBase.class.getMethod("ask", String.class);

    RetryPolicy p =
        RetryPolicies.of(ReflectiveServiceReader.method(ask, PlainService.class).retry());

    assertEquals(Set.of(CONNECTION), p.kinds());
    assertEquals(4, p.maxAttempts());
  }

  private static RetryOn retryOn(java.lang.reflect.AnnotatedElement e) {
    return e.getAnnotation(RetryOn.class);
  }
}
