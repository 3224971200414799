package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.OVERLOADED;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Moving an overloaded call to its fallbacks: only on overload, within one deadline, one budget,
 * one loop.
 */
class FallbackTest {
  private final FakeTime time = new FakeTime();
  private final RecordingListener listener = new RecordingListener();

  private RetryEngine engine(RetryBudget budget) {
    return RetryEngine.builder()
        .timeSource(time)
        .sleeper(time)
        .random(FakeRandom.of(0.5))
        .budget(budget)
        .listener(listener)
        .build();
  }

  private static RetryPolicyBuilder policy(int maxAttempts) {
    return RetryPolicy.builder()
        .retryOn(SERVER, RATE_LIMIT)
        .maxAttempts(maxAttempts)
        .backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1)
        .jitter(Jitter.NONE);
  }

  /** Plays one scripted outcome per attempt and records the choice each attempt was on. */
  private static final class Script implements FallbackAttempt<String> {
    final List<Integer> choices = new ArrayList<>();
    private final List<Object> outcomes;

    Script(Object... outcomes) {
      this.outcomes = new ArrayList<>(List.of(outcomes));
    }

    @Override
    public String run(int choice) {
      choices.add(choice);
      Object next = outcomes.remove(0);
      if (next instanceof ClaudeException e) {
        throw e;
      }
      return (String) next;
    }
  }

  @Test
  void anOverloadedModelsRetriesAreSpentBeforeTheNextModelAnswers() {
    Script script =
        new Script(Failures.overloaded("req_1"), Failures.overloaded("req_2"), "from the fallback");

    String answer =
        engine(RetryBudget.unlimited())
            .executeWithFallbacks(policy(2).fallbacks(1, false).build(), script);

    assertEquals("from the fallback", answer);
    assertEquals(List.of(0, 0, 1), script.choices);
    assertEquals(List.of(100L), time.sleeps());
    assertEquals(
        List.of(WaitSource.BACKOFF, WaitSource.FALLBACK),
        listener.retries.stream().map(RetryEvent::source).toList());
  }

  @Test
  void atOnceTheFirstOverloadMovesOnWithoutWaiting() {
    Script script = new Script(Failures.overloaded("req_1"), "from the fallback");

    String answer =
        engine(RetryBudget.unlimited())
            .executeWithFallbacks(policy(3).fallbacks(1, true).build(), script);

    assertEquals("from the fallback", answer);
    assertEquals(List.of(0, 1), script.choices);
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void whenEveryModelIsOverloadedTheLastFailureCarriesEveryEarlierOne() {
    OverloadedException first = Failures.overloaded("req_1");
    OverloadedException second = Failures.overloaded("req_2");
    OverloadedException third = Failures.overloaded("req_3");
    Script script = new Script(first, second, third);

    OverloadedException thrown =
        assertThrows(
            OverloadedException.class,
            () ->
                engine(RetryBudget.unlimited())
                    .executeWithFallbacks(policy(1).fallbacks(2, false).build(), script));

    assertSame(third, thrown);
    assertArrayEquals(new Throwable[] {first, second}, thrown.getSuppressed());
    assertEquals(3, thrown.attempts());
    assertEquals(List.of(0, 1, 2), script.choices);
  }

  @Test
  void aRateLimitIsTheOrganisationsAndNeverMovesToAnotherModel() {
    RateLimitException limited = Failures.rateLimit(Duration.ofMillis(300));
    Script script = new Script(limited, limited, "ok");

    assertThrows(
        RateLimitException.class,
        () ->
            engine(RetryBudget.unlimited())
                .executeWithFallbacks(policy(2).fallbacks(1, true).build(), script));
    assertEquals(List.of(0, 0), script.choices);
  }

  @Test
  void aServerErrorThatIsNotOverloadIsRetriedOnTheSameModel() {
    Script script = new Script(Failures.server("req_1"), "ok");

    engine(RetryBudget.unlimited())
        .executeWithFallbacks(policy(2).fallbacks(1, true).build(), script);

    assertEquals(List.of(0, 0), script.choices);
  }

  @Test
  void aMoveCountsAgainstTheRetryBudget() {
    Script script = new Script(Failures.overloaded("req_1"), "never sent");

    OverloadedException thrown =
        assertThrows(
            OverloadedException.class,
            () ->
                engine(RetryBudget.of(0, 0, Duration.ofSeconds(10)))
                    .executeWithFallbacks(policy(1).fallbacks(1, true).build(), script));

    assertEquals(List.of(0), script.choices);
    assertEquals(1, listener.budgetExhausted.size());
    assertEquals(1, thrown.getSuppressed().length, "the budget note");
  }

  @Test
  void theFallbacksShareTheCallsDeadline() {
    Script script =
        new Script(Failures.overloaded("req_1"), Failures.overloaded("req_2"), "too late");
    RetryPolicy policy = policy(2).fallbacks(1, false).maxElapsed(Duration.ofMillis(100)).build();
    // The only backoff (100 ms) takes the call to its deadline: no time is left to move on.
    RetryEngine engine = engine(RetryBudget.unlimited());

    assertThrows(OverloadedException.class, () -> engine.executeWithFallbacks(policy, script));
    assertEquals(List.of(0, 0), script.choices);
  }

  @Test
  void aPlainAttemptNeverMovesEvenUnderAPolicyWithFallbacks() {
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failingThen("ok", Failures.overloaded("req_1"));

    engine(RetryBudget.unlimited()).execute(policy(2).fallbacks(1, true).build(), attempt);

    assertEquals(2, attempt.runs);
    assertEquals(
        List.of(WaitSource.BACKOFF), listener.retries.stream().map(RetryEvent::source).toList());
  }

  @Test
  void anAsynchronousCallMovesTheSameWay() throws Exception {
    List<Integer> choices = new ArrayList<>();
    CompletableFuture<String> answer =
        RetryEngine.builder()
            .timeSource(time)
            .sleeper(time)
            .scheduler(new FakeScheduler(time))
            .budget(RetryBudget.unlimited())
            .build()
            .executeAsyncWithFallbacks(
                policy(1).fallbacks(1, false).build(),
                choice -> {
                  choices.add(choice);
                  return choice == 0
                      ? CompletableFuture.failedFuture(Failures.overloaded("req_1"))
                      : CompletableFuture.completedFuture("from the fallback");
                });

    assertEquals("from the fallback", answer.get());
    assertEquals(List.of(0, 1), choices);
  }

  @Test
  void overloadRetriedOnlyThroughServerStillMovesOnceItsAttemptsAreSpent() {
    Script script = new Script(Failures.overloaded("req_1"), "ok");
    RetryPolicy onlyRateLimits =
        RetryPolicy.builder().retryOn(RATE_LIMIT).maxAttempts(3).fallbacks(1, false).build();

    engine(RetryBudget.unlimited()).executeWithFallbacks(onlyRateLimits, script);

    // OVERLOADED is not retried on the model, so its first overload spends what the model may have.
    assertEquals(List.of(0, 1), script.choices);
    assertEquals(false, onlyRateLimits.retriesKind(OVERLOADED));
  }

  @Test
  void aPolicyWithFallbacksSaysSo() {
    assertEquals(
        "RetryPolicy{kinds=[RATE_LIMIT, SERVER], maxAttempts=2, initialDelay=100ms, maxDelay=100ms,"
            + " multiplier=1.0, jitter=NONE, maxElapsed=none, fallbacks=2 at once}",
        policy(2).fallbacks(2, true).build().toString());
  }
}
