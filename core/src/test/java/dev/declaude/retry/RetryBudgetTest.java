package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
  private final FakeTime time = new FakeTime();
  private final RecordingListener listener = new RecordingListener();

  private final RetryPolicy fiveAttempts =
      RetryPolicy.builder()
          .retryOn(SERVER)
          .maxAttempts(5)
          .backoff(Duration.ofMillis(1), Duration.ofMillis(1), 1)
          .jitter(Jitter.NONE)
          .build();

  private RetryEngine engine(RetryBudget budget) {
    return RetryEngine.builder()
        .timeSource(time)
        .sleeper(time)
        .budget(budget)
        .listener(listener)
        .build();
  }

  @Test
  void aLoneCallerGetsEveryAttemptItsPolicyDeclares() {
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failing(
            Failures.overloaded("1"),
            Failures.overloaded("2"),
            Failures.overloaded("3"),
            Failures.overloaded("4"),
            Failures.overloaded("5"));

    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine(RetryBudget.create()).execute(fiveAttempts, attempt));

    assertEquals(5, attempt.runs);
    assertEquals(5, thrown.attempts());
    assertEquals(0, listener.budgetExhausted.size());
  }

  @Test
  void manyFailingCallersAreCappedToTheShareOfFirstAttempts() {
    // Given a budget of 20 % of first attempts and no floor
    RetryEngine engine = engine(RetryBudget.of(20, 0, Duration.ofSeconds(10)));
    AtomicInteger runs = new AtomicInteger();

    // When 100 callers each fail every attempt
    for (int i = 0; i < 100; i++) {
      assertThrows(
          ClaudeException.class,
          () ->
              engine.execute(
                  fiveAttempts,
                  () -> {
                    runs.incrementAndGet();
                    throw Failures.overloaded("req");
                  }));
    }

    // Then they make 100 first attempts and exactly 20 retries
    assertEquals(120, runs.get());
  }

  @Test
  void aRefusedRetryThrowsTheOriginalFailureNotingTheBudgetWasSpent() {
    // Given a budget that allows no retry at all
    RetryEngine engine = engine(RetryBudget.of(0, 0, Duration.ofSeconds(10)));
    ClaudeException overloaded = Failures.overloaded("req_1");

    // When a retryable failure happens
    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine.execute(fiveAttempts, ScriptedAttempt.failing(overloaded)));

    // Then the caller gets the typed failure, with a note that says why it was not retried
    assertEquals(overloaded, thrown);
    assertEquals(1, thrown.getSuppressed().length);
    assertTrue(thrown.getSuppressed()[0] instanceof RetryBudgetExhaustedException);
    assertEquals(
        "retry budget spent: not retrying OVERLOADED after attempt 1; this client's retries already"
            + " reached 0 % of first attempts plus 0 per second over 10000 ms",
        thrown.getSuppressed()[0].getMessage());
    assertEquals(1, listener.budgetExhausted.size());
    assertEquals(GiveUpReason.BUDGET_SPENT, listener.giveUps.get(0).reason());
  }

  @Test
  void theFloorAllowsItsRetriesPerSecondOfTheWindowWithNoTraffic() {
    RetryBudget budget = RetryBudget.of(0, 10, Duration.ofSeconds(1));

    boolean[] allowed = new boolean[11];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = budget.tryRetry(0);
    }

    boolean[] expected = new boolean[11];
    Arrays.fill(expected, 0, 10, true);
    assertEquals(Arrays.toString(expected), Arrays.toString(allowed));
  }

  @Test
  void retriesOlderThanTheWindowNoLongerCount() {
    // Given a budget spent at time 0
    RetryBudget budget = RetryBudget.of(0, 1, Duration.ofSeconds(10));
    for (int i = 0; i < 10; i++) {
      assertTrue(budget.tryRetry(0));
    }
    assertFalse(budget.tryRetry(9_999));

    // When the window has passed, Then retries are allowed again
    assertTrue(budget.tryRetry(10_000));
  }

  @Test
  void firstAttemptsOlderThanTheWindowNoLongerCount() {
    RetryBudget budget = RetryBudget.of(50, 0, Duration.ofSeconds(10));
    budget.recordFirstAttempt(0);
    budget.recordFirstAttempt(0);

    assertFalse(budget.tryRetry(10_000));
  }

  @Test
  void anUnlimitedBudgetNeverRefuses() {
    for (int i = 0; i < 1000; i++) {
      assertTrue(RetryBudget.unlimited().tryRetry(0));
    }
  }

  @Test
  void invalidSettingsAreRejected() {
    assertEquals(
        "percent must be >= 0, was -1",
        assertThrows(
                IllegalArgumentException.class, () -> RetryBudget.of(-1, 0, Duration.ofSeconds(1)))
            .getMessage());
    assertEquals(
        "minRetriesPerSecond must be >= 0 (0 for no floor), was -1",
        assertThrows(
                IllegalArgumentException.class, () -> RetryBudget.of(0, -1, Duration.ofSeconds(1)))
            .getMessage());
    assertEquals(
        "window must be >= 10 ms (one per bucket), was 5 ms",
        assertThrows(
                IllegalArgumentException.class, () -> RetryBudget.of(0, 0, Duration.ofMillis(5)))
            .getMessage());
  }
}
