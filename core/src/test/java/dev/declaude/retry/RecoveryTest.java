package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.RateLimitException;
import dev.declaude.internal.ratelimit.RecoveryBoard;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The recovery signal: a success ends other callers' backoffs after server errors early, FIFO,
 * staggered, when the server is back (an outage ended, or it is healthy), but not while it is
 * shedding load.
 */
class RecoveryTest {
  private static final long SPACING = Pacer.RECOVERY_SPACING.toMillis();

  private final FakeTime time = new FakeTime();
  private final FakeScheduler scheduler = new FakeScheduler(time);
  private final RetryEngine engine =
      RetryEngine.builder()
          .timeSource(time)
          .sleeper(time)
          .scheduler(scheduler)
          .random(FakeRandom.of(0))
          .build();

  /** Retries {@code kind} 5 times, 1 s backoff then 2 s, 4 s..., no jitter. */
  private static RetryPolicy policy(ErrorKind kind) {
    return RetryPolicy.builder()
        .retryOn(kind)
        .maxAttempts(5)
        .jitter(Jitter.NONE)
        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2)
        .build();
  }

  /**
   * An async attempt that fails with {@code failure} the first time, then succeeds with {@code
   * value}.
   */
  private static Supplier<CompletableFuture<String>> failingOnce(
      ClaudeException failure, String value) {
    int[] runs = {0};
    return () ->
        runs[0]++ == 0
            ? CompletableFuture.failedFuture(failure)
            : CompletableFuture.completedFuture(value);
  }

  @Test
  void aSuccessEndsWaitingBackoffsEarlyInTheOrderTheyStartedOneSpacingApart() {
    // Given two calls waiting 1 s backoffs after 529s, the second 10 ms after the first
    CompletableFuture<String> a =
        engine.executeAsync(policy(SERVER), failingOnce(Failures.overloaded("a"), "A"));
    time.advance(10);
    CompletableFuture<String> b =
        engine.executeAsync(policy(SERVER), failingOnce(Failures.server("b"), "B"));

    // When another call succeeds at 100 ms
    time.advance(90);
    engine.executeAsync(policy(SERVER), () -> CompletableFuture.completedFuture("C")).join();

    // Then the first comes back at once and the second one spacing later, not at 1,000 and 1,010 ms
    assertEquals(List.of(1000L, 1000L, 0L, SPACING), scheduler.delays());
    assertEquals(2, scheduler.pendingCount());
    scheduler.runNext();
    assertEquals(100, time.millis());
    assertEquals("A", a.join());
    scheduler.runNext();
    assertEquals(100 + SPACING, time.millis());
    assertEquals("B", b.join());
  }

  /** Makes {@code n} calls that succeed at once, so the engine has seen a healthy server. */
  private void healthy(int n) {
    for (int i = 0; i < n; i++) {
      engine.execute(policy(SERVER), () -> "ok");
    }
  }

  @Test
  void aWaitTheServerAskedForIsNeverCutShort() {
    // A 429's retry-after of 2 s (its headers show room, so the pacer holds nobody), and a 503
    // whose
    // 300 ms retry-after is below the 1 s backoff, on a server that was healthy until then
    healthy(Recovery.WINDOW);
    RateLimits room = new RateLimits(new RateLimit(6000L, 100L, null), null, null, null);
    RateLimitException rateLimited =
        new RateLimitException(
            new FailedResponse(
                "rate_limit_error",
                null,
                "Rate limited",
                new ResponseMetadata(429, "req_rl", room, Duration.ofSeconds(2), null)));
    CompletableFuture<String> limited =
        engine.executeAsync(policy(RATE_LIMIT), failingOnce(rateLimited, "L"));
    CompletableFuture<String> server =
        engine.executeAsync(
            policy(SERVER),
            failingOnce(Failures.serverWithRetryAfter(Duration.ofMillis(300)), "S"));

    engine.executeAsync(policy(SERVER), () -> CompletableFuture.completedFuture("ok")).join();

    // The 429 keeps its 2 s; the 503's backoff ends early, but not before its 300 ms
    assertEquals(List.of(2000L, 1000L, 300L), scheduler.delays());
    scheduler.runAll();
    assertEquals("L", limited.join());
    assertEquals("S", server.join());
    assertEquals(2000, time.millis());
  }

  @Test
  void backoffsAfterOtherFailuresAreNotCutShort() {
    CompletableFuture<String> c =
        engine.executeAsync(
            RetryPolicy.builder()
                .retryOn(ErrorKind.CONNECTION)
                .jitter(Jitter.NONE)
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)
                .build(),
            failingOnce(Failures.connection(), "C"));

    engine.executeAsync(policy(SERVER), () -> CompletableFuture.completedFuture("ok")).join();

    assertEquals(List.of(1000L), scheduler.delays());
    scheduler.runAll();
    assertEquals("C", c.join());
  }

  @Test
  void aSuccessWhileTheServerShedsLoadLeavesTheBackoffsAlone() {
    // Given a server where a third of the recent calls failed with 529 and the others succeeded
    for (int i = 0; i < Recovery.WINDOW; i++) {
      if (i % 3 == 0) {
        engine.executeAsync(
            RetryPolicy.none(),
            () -> CompletableFuture.<String>failedFuture(Failures.overloaded("x")));
      } else {
        engine.execute(policy(SERVER), () -> "ok");
      }
    }
    CompletableFuture<String> a =
        engine.executeAsync(policy(SERVER), failingOnce(Failures.overloaded("a"), "A"));

    // When another call succeeds
    time.advance(100);
    engine.execute(policy(SERVER), () -> "ok");

    // Then the 1 s backoff stands: the server had room for that call, which says nothing about the
    // others
    assertEquals(List.of(1000L), scheduler.delays());
    scheduler.runAll();
    assertEquals("A", a.join());
    assertEquals(1000, time.millis());
  }

  @Test
  void theFirstSuccessAfterAnOutageEndsTheBackoffsWhateverTheFailureShare() {
    // Given a server that served calls until every call failed for two seconds
    healthy(Recovery.WINDOW);
    for (int i = 0; i < 10; i++) {
      engine.executeAsync(
          RetryPolicy.none(), () -> CompletableFuture.<String>failedFuture(Failures.server("x")));
    }
    time.advance(600);
    CompletableFuture<String> a =
        engine.executeAsync(policy(SERVER), failingOnce(Failures.overloaded("a"), "A"));
    time.advance(Recovery.OUTAGE_MILLIS - 600);

    // When a call succeeds again
    engine.execute(policy(SERVER), () -> "ok");

    // Then the waiting call comes back at once, not at 1,600 ms
    assertEquals(List.of(1000L, 0L), scheduler.delays());
    scheduler.runNext();
    assertEquals("A", a.join());
    assertEquals(Recovery.OUTAGE_MILLIS, time.millis());
  }

  @Test
  void aCancelledCallIsNotWokenAgain() {
    CompletableFuture<String> a =
        engine.executeAsync(policy(SERVER), failingOnce(Failures.overloaded("a"), "A"));
    a.cancel(true);

    engine.executeAsync(policy(SERVER), () -> CompletableFuture.completedFuture("ok")).join();

    assertEquals(List.of(1000L), scheduler.delays());
    assertEquals(0, scheduler.pendingCount());
  }

  @Test
  void aSynchronousCallerBlockedInItsBackoffIsWokenByASuccessOnAnotherThread() throws Exception {
    time.blockOnAlarms();
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("A", Failures.overloaded("a"));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      // Given a call blocked in a 1 s backoff after a stray 529 on a healthy server
      healthy(Recovery.WINDOW);
      Future<String> a = other.submit(() -> engine.execute(policy(SERVER), attempt));
      time.awaitAlarmWaiters(1);
      assertFalse(a.isDone());

      // When another call succeeds at 250 ms
      time.advance(250);
      assertEquals("ok", engine.execute(policy(SERVER), () -> "ok"));

      // Then the blocked call retries at once, having waited 250 ms of its 1 s
      assertEquals("A", a.get(10, TimeUnit.SECONDS));
      assertEquals(2, attempt.runs);
      assertEquals(List.of(250L), time.sleeps());
      assertEquals(250, time.millis());
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void withNoSuccessABlockedBackoffEndsWhenItsTimeComes() throws Exception {
    time.blockOnAlarms();
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("A", Failures.server("a"));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<String> a = other.submit(() -> engine.execute(policy(SERVER), attempt));
      time.awaitAlarmWaiters(1);

      time.advance(1000);

      assertEquals("A", a.get(10, TimeUnit.SECONDS));
      assertEquals(List.of(1000L), time.sleeps());
      assertTrue(engine.toString().contains("Pacer"), engine.toString());
    } finally {
      other.shutdownNow();
    }
  }

  /**
   * An async attempt that fails with a 529 until {@code backAt}, then succeeds with {@code value}.
   */
  private Supplier<CompletableFuture<String>> downUntil(long backAt, String value, int[] sent) {
    return () -> {
      sent[0]++;
      return time.millis() < backAt
          ? CompletableFuture.failedFuture(Failures.overloaded(value))
          : CompletableFuture.completedFuture(value);
    };
  }

  /** Runs scheduled retries until {@code calls} are done, recording when each finished. */
  private List<Long> runUntilDone(List<CompletableFuture<String>> calls) {
    Long[] finished = new Long[calls.size()];
    for (int i = 0; i < calls.size(); i++) {
      int n = i;
      calls.get(i).whenComplete((v, e) -> finished[n] = time.millis());
    }
    for (int step = 0; step < 10_000 && calls.stream().anyMatch(c -> !c.isDone()); step++) {
      assertTrue(scheduler.runNext(), "calls left waiting on nothing");
    }
    return List.of(finished);
  }

  @Test
  void afterAnOutageTheServerIsFoundBackWithinAProbeGapNotWhenABackoffHappensToEnd() {
    // Given two calls caught by an outage that ends at 3,050 ms, whose backoffs (1 s, 2 s, 4 s)
    // have them come back at 7,000 and 7,010 ms
    int[] sent = {0};
    CompletableFuture<String> a = engine.executeAsync(policy(SERVER), downUntil(3_050, "A", sent));
    time.advance(10);
    CompletableFuture<String> b = engine.executeAsync(policy(SERVER), downUntil(3_050, "B", sent));

    // When the retries run
    List<Long> finished = runUntilDone(List.of(a, b));

    // Then one probe finds the server back within a probe gap, and the other call follows one
    // spacing later
    assertEquals("A", a.join());
    assertEquals("B", b.join());
    long latest = 3_050 + RecoveryBoard.PROBE_MIN_MILLIS + SPACING;
    assertTrue(finished.stream().allMatch(t -> t <= latest), finished + " after " + latest);
  }

  @Test
  void aProbeThatFindsTheServerStillDownCostsItsCallNoAttempt() {
    // Given two calls of three attempts each, caught by an outage longer than their backoffs
    RetryPolicy three =
        RetryPolicy.builder()
            .retryOn(SERVER)
            .maxAttempts(3)
            .jitter(Jitter.NONE)
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2)
            .build();
    int[] sent = {0};
    CompletableFuture<String> a = engine.executeAsync(three, downUntil(100_000, "A", sent));
    time.advance(10);
    CompletableFuture<String> b = engine.executeAsync(three, downUntil(100_000, "B", sent));

    // When they run out of attempts
    List<Long> finished = runUntilDone(List.of(a, b));

    // Then the fleet probed the server in between, but each call still made its third attempt
    // when its own backoffs said (0, 1 s, 3 s), not sooner because of the probes
    assertTrue(sent[0] > 6, "probes sent: " + (sent[0] - 6));
    assertEquals(List.of(3_000L, 3_010L), finished);
    assertTrue(a.isCompletedExceptionally());
    assertTrue(b.isCompletedExceptionally());
  }

  @Test
  void noProbeGoesWhileTheServerServesSomeCalls() {
    // Given a server that answers some calls and fails others, and a call waiting a 1 s backoff
    CompletableFuture<String> a =
        engine.executeAsync(policy(SERVER), failingOnce(Failures.overloaded("a"), "A"));
    engine.execute(policy(SERVER), () -> "ok");

    // When more calls fail, long enough after the start to count as an outage were nothing served
    time.advance(Recovery.OUTAGE_MILLIS - 500);
    for (int i = 0; i < 3; i++) {
      engine.executeAsync(
          RetryPolicy.none(), () -> CompletableFuture.<String>failedFuture(Failures.server("x")));
    }

    // Then the backoff keeps its end: a success 500 ms ago says the server is busy, not down
    scheduler.runNext();
    assertEquals(1_000, time.millis());
    assertEquals("A", a.join());
  }
}
