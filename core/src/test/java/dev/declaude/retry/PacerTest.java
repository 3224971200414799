package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long FAR = Long.MAX_VALUE;

  private final FakeTime time = new FakeTime();
  private final RecordingListener listener = new RecordingListener();
  private final FakeScheduler scheduler = new FakeScheduler(time);
  private final RetryEngine engine =
      RetryEngine.builder()
          .timeSource(time)
          .sleeper(time)
          .scheduler(scheduler)
          .random(FakeRandom.of(0))
          .listener(listener)
          .build();
  private final Pacer pacer = engine.pacer();

  /**
   * Reserves like the engine, returning the wait: 0 to go now, -1 when refused (the old contract).
   */
  private long reserve(long now, long deadline) {
    PacingHold hold = pacer.reserve(now, deadline);
    return hold == null ? 0 : hold == Pacer.REFUSED ? -1 : hold.plannedMillis();
  }

  private RetryEngine engine() {
    return engine;
  }

  private static RetryPolicy policy(ErrorKind kind, Duration maxElapsed) {
    RetryPolicyBuilder b =
        RetryPolicy.builder()
            .retryOn(kind)
            .jitter(Jitter.NONE)
            .backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1);
    return maxElapsed == null ? b.build() : b.maxElapsed(maxElapsed).build();
  }

  @Test
  void aPacerWithNoInformationNeverWaitsOnceItsFirstRequestHasEnded() {
    assertEquals(0, reserve(0, FAR));
    pacer.answered();

    for (int i = 0; i < 100; i++) {
      assertEquals(0, reserve(0, FAR));
    }
  }

  @Test
  void atAColdStartTheFirstRequestGoesAloneAndTheOthersFollowItsAnswer() {
    assertEquals(0, reserve(0, FAR));
    PacingHold second = pacer.reserve(0, FAR);
    PacingHold third = pacer.reserve(0, FAR);
    assertEquals(Pacer.COLD_START_WAIT.toMillis(), second.due());
    assertEquals(Pacer.COLD_START_WAIT.toMillis(), third.due());

    // When the first request's answer arrives 30 ms later, saying nothing of any limit
    time.advance(30);
    pacer.answered();

    // Then both held callers go at once
    assertEquals(30, second.due());
    assertEquals(30, third.due());
  }

  @Test
  void aColdStartHoldsNoCallerLongerThanTheColdStartWait() {
    assertEquals(0, reserve(0, FAR));
    time.advance(400);

    PacingHold second = pacer.reserve(400, FAR);

    // The first request's answer never comes; the second goes at the bound all the same
    assertEquals(400 + Pacer.COLD_START_WAIT.toMillis(), second.due());
    assertEquals(null, pacer.release(second));
  }

  @Test
  void aPacerThatKnowsALimitIsNotCold() {
    RateLimits roomy =
        new RateLimits(new RateLimit(1000L, 990L, FakeTime.EPOCH.plusSeconds(1)), null, null, null);
    pacer.onResponse(new ResponseMetadata(200, "req_ok", roomy, null, null));

    assertEquals(0, reserve(0, FAR));
    assertEquals(0, reserve(0, FAR));
  }

  @Test
  void anExhaustedRequestsLimitHoldsTheNextAttemptUntilOneRequestHasRefilledAtTheLimitsRate() {
    // Given a response that spent a 60-per-minute limit (full again a minute from now)
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(60), 60));

    // When a call starts
    String result = engine().execute(policy(SERVER, null), () -> "ok");

    // Then its first attempt waits until one request has refilled at 60 per minute (1 s), reported
    // as
    // pacing: the API's buckets refill continuously at the limit's rate (60 RPM may act as 1 per
    // second)
    assertEquals("ok", result);
    assertEquals(List.of(1000L), time.sleeps());
    assertEquals(
        List.of(new RetryEvent(1, null, Duration.ofMillis(1000), WaitSource.PACING, null, null)),
        listener.pacingWaits);
  }

  @Test
  void aLimitOfOneRequestHoldsUntilItsReset() {
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(5), 1));

    assertEquals(5000, reserve(0, FAR));
  }

  @Test
  void heldCallersAreReleasedInArrivalOrderAtTheLearnedRate() {
    // Given a limit of 60 requests per minute, spent, full again a minute from now
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(60), 60));

    // When three callers arrive one after another, 10 ms apart
    List<Long> releases = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      releases.add(time.millis() + reserve(time.millis(), FAR));
      time.advance(10);
    }

    // Then they leave in that order, one second apart: each once another request has refilled
    assertEquals(List.of(1000L, 2000L, 3000L), releases);
  }

  @Test
  void withoutAKnownLimitHeldCallersAreSpreadByTheDefaultSpacing() {
    // A requests limit of unknown size, spent until 1 s from now
    RateLimits spent =
        new RateLimits(new RateLimit(null, 0L, FakeTime.EPOCH.plusSeconds(1)), null, null, null);
    pacer.onResponse(new ResponseMetadata(200, "req", spent, null, null));

    assertEquals(1000, reserve(0, FAR));
    assertEquals(1000 + Pacer.DEFAULT_SPACING.toMillis(), reserve(0, FAR));
  }

  @Test
  void aLaterArrivalQueuesBehindCallersStillBeingReleased() {
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(60), 60));
    reserve(0, FAR); // released at 1 s, once one request has refilled
    reserve(0, FAR); // released at 2 s

    // At 0.5 s a caller waits its turn behind the one released at 2 s: it leaves at 3 s
    assertEquals(2500, reserve(500, FAR));
    // Once the queue has drained, callers pass freely again
    assertEquals(0, reserve(10_000, FAR));
  }

  @Test
  void aRateLimitRetryAfterWithoutHeadersHoldsOnlyItsOwnCall() {
    // Given one call that got a 429 asking for 2 s, with no rate-limit headers
    RetryEngine engine = engine();
    assertThrows(
        ClaudeException.class,
        () ->
            engine.execute(
                RetryPolicy.none(),
                ScriptedAttempt.failing(Failures.rateLimit(Duration.ofSeconds(2)))));

    // When another call starts
    engine.execute(RetryPolicy.none(), () -> "ok");

    // Then it goes at once: with no rate to release callers at, a hold would lower throughput
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void aServerErrorsRetryAfterDoesNotHoldOtherCalls() {
    pacer.onResponse(Failures.metadata(503, "req", Duration.ofSeconds(2), null));

    assertEquals(0, reserve(0, FAR));
  }

  @Test
  void anExhaustedTokenLimitOfUnknownSizeHoldsUntilItsReset() {
    // (A token limit of known size is mirrored like the requests bucket: see PacingByTokensTest.)
    RateLimit unknown = new RateLimit(null, 0L, FakeTime.EPOCH.plusSeconds(3));
    pacer.onResponse(
        new ResponseMetadata(200, "req", new RateLimits(null, unknown, null, null), null, null));
    assertEquals(3000, reserve(0, FAR));
  }

  @Test
  void aResetInThePastDoesNotHold() {
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.minusSeconds(3), 60));

    assertEquals(0, reserve(0, FAR));
  }

  @Test
  void aFirstAttemptHeldPastItsDeadlineFailsAtOnceWithoutSending() {
    // Given the limit is spent for 5 s and the call may take 2 s
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(5), 1));
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok");

    // When it starts
    PacingException thrown =
        assertThrows(
            PacingException.class,
            () -> engine().execute(policy(SERVER, Duration.ofSeconds(2)), attempt));

    // Then it fails now, sending nothing and reserving no turn
    assertEquals(
        "Claude call not sent: the API rate limit holds it past its deadline", thrown.getMessage());
    assertEquals(ErrorKind.RATE_LIMIT, thrown.kind());
    assertEquals(0, attempt.runs);
    assertEquals(List.of(), time.sleeps());
    assertEquals(5000, reserve(0, FAR));
  }

  @Test
  void aRetryHeldPastItsDeadlineThrowsTheLastFailureAtOnce() {
    // Given a 1 s call whose attempt fails while another response spends the limit for 5 s
    ClaudeException failure = Failures.server("req_1");
    int[] runs = {0};
    Attempt<String> attempt =
        () -> {
          runs[0]++;
          pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(5), 1));
          throw failure;
        };

    // When its 100 ms backoff ends and the pacer would hold the retry until 5 s
    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine().execute(policy(SERVER, Duration.ofSeconds(1)), attempt));

    // Then the failure is thrown without waiting for the pacer
    assertSame(failure, thrown);
    assertEquals(1, runs[0]);
    assertEquals(List.of(100L), time.sleeps());
    assertEquals(GiveUpReason.DEADLINE, listener.giveUps.get(0).reason());
  }

  @Test
  void anInterruptWhileHeldEndsTheCallAndKeepsTheFlag() {
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(5), 1));
    time.interruptSleep(0);
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok");

    PacingException thrown =
        assertThrows(PacingException.class, () -> engine().execute(policy(SERVER, null), attempt));

    assertTrue(Thread.interrupted());
    assertEquals(0, attempt.runs);
    assertEquals(
        "Claude call not sent: interrupted while the API rate limit held it", thrown.getMessage());
    assertTrue(thrown.getSuppressed()[0] instanceof InterruptedException);
  }

  @Test
  void anAsyncCallIsHeldByTheSchedulerNotABlockedThread() {
    // Given a spent limit and an engine on a fake scheduler
    pacer.onResponse(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(5), 1));
    // When an async call starts
    CompletableFuture<String> result =
        engine.executeAsync(policy(SERVER, null), () -> CompletableFuture.completedFuture("ok"));

    // Then it is pending on the scheduler, and completes once virtual time reaches the reset
    assertEquals(false, result.isDone());
    assertEquals(List.of(5000L), scheduler.delays());
    scheduler.runAll();
    assertEquals("ok", result.join());
    assertEquals(List.of(), time.sleeps());
  }
}
