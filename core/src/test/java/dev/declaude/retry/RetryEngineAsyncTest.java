package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class RetryEngineAsyncTest {
  private final FakeTime time = new FakeTime();
  private final FakeScheduler scheduler = new FakeScheduler(time);
  private final RetryEngine engine =
      RetryEngine.builder()
          .timeSource(time)
          .sleeper(time)
          .scheduler(scheduler)
          .random(FakeRandom.of(0))
          .budget(RetryBudget.unlimited())
          .build();
  private final RetryPolicy policy =
      RetryPolicy.builder()
          .retryOn(SERVER)
          .maxAttempts(3)
          .backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2)
          .jitter(Jitter.NONE)
          .build();

  /** Hands out the futures of attempts, so a test completes them when it wants. */
  private final List<CompletableFuture<String>> attempts = new ArrayList<>();

  private CompletableFuture<String> nextAttempt() {
    CompletableFuture<String> f = new CompletableFuture<>();
    attempts.add(f);
    return f;
  }

  @Test
  void retriesAreScheduledWithoutBlockingAThread() {
    // Given a call whose first two attempts fail
    CompletableFuture<String> result = engine.executeAsync(policy, this::nextAttempt);
    attempts.get(0).completeExceptionally(Failures.overloaded("req_1"));

    // Then the retry waits on the scheduler, not on a thread
    assertFalse(result.isDone());
    assertEquals(1, attempts.size());
    assertEquals(List.of(100L), scheduler.delays());

    // When virtual time reaches the retry, and it fails again
    scheduler.runNext();
    attempts.get(1).completeExceptionally(Failures.overloaded("req_2"));
    scheduler.runNext();
    attempts.get(2).complete("ok");

    // Then the third attempt's value completes the call, with no sleep taken
    assertEquals("ok", result.join());
    assertEquals(List.of(100L, 200L), scheduler.delays());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void whenAttemptsRunOutTheFutureFailsWithTheLastFailure() throws Exception {
    ClaudeException[] failures = {
      Failures.overloaded("1"), Failures.overloaded("2"), Failures.overloaded("3")
    };
    int[] index = {0};

    CompletableFuture<String> result =
        engine.executeAsync(policy, () -> CompletableFuture.failedFuture(failures[index[0]++]));
    scheduler.runAll();

    ExecutionException e = assertThrows(ExecutionException.class, result::get);
    assertSame(failures[2], e.getCause());
    assertArrayEquals(new Throwable[] {failures[0], failures[1]}, e.getCause().getSuppressed());
    assertEquals(3, failures[2].attempts());
  }

  @Test
  void aSupplierThatThrowsCountsAsAFailedAttempt() {
    int[] runs = {0};

    CompletableFuture<String> result =
        engine.executeAsync(
            policy,
            () -> {
              if (runs[0]++ == 0) {
                throw Failures.server("req_1");
              }
              return CompletableFuture.completedFuture("ok");
            });
    scheduler.runAll();

    assertEquals("ok", result.join());
    assertEquals(2, runs[0]);
  }

  @Test
  void aNonClaudeFailureEndsTheCallUnchangedAfterOneAttempt() throws Exception {
    IOException io = new IOException("disk full");
    int[] runs = {0};

    CompletableFuture<String> result =
        engine.executeAsync(
            policy,
            () -> {
              runs[0]++;
              return CompletableFuture.failedFuture(io);
            });
    scheduler.runAll();

    assertSame(io, assertThrows(ExecutionException.class, result::get).getCause());
    assertEquals(1, runs[0]);
  }

  @Test
  void cancellingDuringAWaitDropsTheScheduledRetry() {
    // Given a call waiting to retry
    CompletableFuture<String> result = engine.executeAsync(policy, this::nextAttempt);
    attempts.get(0).completeExceptionally(Failures.overloaded("req_1"));
    assertEquals(1, scheduler.pendingCount());

    // When the caller cancels
    result.cancel(true);

    // Then no retry is left to run and no further attempt starts
    assertEquals(0, scheduler.pendingCount());
    scheduler.runAll();
    assertEquals(1, attempts.size());
  }

  @Test
  void cancellingCancelsTheAttemptInFlight() {
    CompletableFuture<String> result = engine.executeAsync(policy, this::nextAttempt);

    result.cancel(true);

    assertTrue(attempts.get(0).isCancelled());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void aDeadlinePassedByTheNextWaitFailsTheFutureAtOnce() throws Exception {
    RetryPolicy oneSecond =
        RetryPolicy.builder()
            .retryOn(SERVER)
            .backoff(Duration.ofSeconds(2), Duration.ofSeconds(2), 1)
            .jitter(Jitter.NONE)
            .maxElapsed(Duration.ofSeconds(1))
            .build();
    ClaudeException failure = Failures.server("req_1");

    CompletableFuture<String> result =
        engine.executeAsync(oneSecond, () -> CompletableFuture.failedFuture(failure));

    assertSame(failure, assertThrows(ExecutionException.class, result::get).getCause());
    assertEquals(List.of(), scheduler.delays());
  }
}
