package dev.declaude.retry;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synchronous engine's rules: what is retried, how long it waits, and what it throws. */
class RetryEngineTest {
  private final FakeTime time = new FakeTime();
  private final RecordingListener listener = new RecordingListener();

  private RetryEngine engine(FakeRandom random) {
    return RetryEngine.builder()
        .timeSource(time)
        .sleeper(time)
        .random(random)
        .budget(RetryBudget.unlimited())
        .listener(listener)
        .build();
  }

  private static RetryPolicy policy(Jitter jitter, int maxAttempts, ErrorKind... kinds) {
    return RetryPolicy.builder()
        .retryOn(kinds)
        .maxAttempts(maxAttempts)
        .backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2)
        .jitter(jitter)
        .build();
  }

  private static ClaudeException[] overloads(int n) {
    ClaudeException[] failures = new ClaudeException[n];
    for (int i = 0; i < n; i++) {
      failures[i] = Failures.overloaded("req_" + (i + 1));
    }
    return failures;
  }

  private static List<Long> delays(List<RetryEvent> events) {
    return events.stream()
        .map(e -> e.delay().toMillis())
        .collect(java.util.stream.Collectors.toList());
  }

  @Test
  void withoutJitterTheWaitsDoubleUpToMaxDelay() {
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok", overloads(5));

    String result = engine(FakeRandom.of(0.5)).execute(policy(Jitter.NONE, 6, SERVER), attempt);

    assertEquals("ok", result);
    assertEquals(6, attempt.runs);
    assertEquals(List.of(100L, 200L, 400L, 500L, 500L), time.sleeps());
  }

  @Test
  void fullJitterWaitsAUniformShareOfTheBackoff() {
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok", overloads(3));

    engine(FakeRandom.of(0.5, 0.25, 0.0)).execute(policy(Jitter.FULL, 4, SERVER), attempt);

    assertEquals(List.of(50L, 50L, 0L), delays(listener.retries));
    assertEquals(List.of(50L, 50L), time.sleeps()); // a zero wait does not sleep
  }

  @Test
  void equalJitterWaitsHalfTheBackoffPlusAUniformShareOfTheOtherHalf() {
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok", overloads(3));

    engine(FakeRandom.of(0.5, 0.0, 0.99)).execute(policy(Jitter.EQUAL, 4, SERVER), attempt);

    assertEquals(List.of(75L, 100L, 398L), time.sleeps());
  }

  @Test
  void retryAfterIsTheLeastWaitEvenAboveMaxDelay() {
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failingThen("ok", Failures.rateLimit(Duration.ofSeconds(2)));

    engine(FakeRandom.of(0.0)).execute(policy(Jitter.FULL, 2, RATE_LIMIT), attempt);

    assertEquals(List.of(2000L), time.sleeps());
    assertEquals(WaitSource.RETRY_AFTER, listener.retries.get(0).source());
  }

  @Test
  void retryAfterGetsASmallSpreadAddedNeverSubtracted() {
    // Given a backoff draw of 0 and a spread draw of 0.5, of at most a tenth of 2 s
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failingThen("ok", Failures.rateLimit(Duration.ofSeconds(2)));

    // When the call is retried
    engine(FakeRandom.of(0.0, 0.5)).execute(policy(Jitter.FULL, 2, RATE_LIMIT), attempt);

    // Then it waits the server's 2 s plus half of 200 ms
    assertEquals(List.of(2100L), time.sleeps());
  }

  @Test
  void aRetryAfterShorterThanTheBackoffLeavesTheBackoff() {
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failingThen("ok", Failures.serverWithRetryAfter(Duration.ofMillis(10)));

    engine(FakeRandom.of(0.0)).execute(policy(Jitter.NONE, 2, SERVER), attempt);

    assertEquals(List.of(100L), time.sleeps());
    assertEquals(WaitSource.BACKOFF, listener.retries.get(0).source());
  }

  @Test
  void xShouldRetryFalseStopsAfterOneAttempt() {
    ClaudeException forbidden = Failures.serverSaying(false);
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(forbidden);

    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, SERVER), attempt));

    assertSame(forbidden, thrown);
    assertEquals(1, attempt.runs);
    assertEquals(GiveUpReason.SERVER_FORBADE, listener.giveUps.get(0).reason());
  }

  @Test
  void serverRetriesAnOverloadedException() {
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failingThen("ok", Failures.overloaded("req_1"));

    assertEquals("ok", engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 2, SERVER), attempt));
    assertEquals(2, attempt.runs);
  }

  @Test
  void rateLimitDoesNotRetryTheSpendCap() {
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(Failures.spendLimit());

    assertThrows(
        ClaudeException.class,
        () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, RATE_LIMIT), attempt));

    assertEquals(1, attempt.runs);
    assertEquals(GiveUpReason.NOT_RETRYABLE, listener.giveUps.get(0).reason());
  }

  @Test
  void anUnlistedKindIsNotRetried() {
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(Failures.connection());

    assertThrows(
        ClaudeException.class,
        () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, SERVER), attempt));

    assertEquals(1, attempt.runs);
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void aCheckedNonClaudeExceptionIsRethrownUnchangedAfterOneAttempt() {
    IOException io = new IOException("disk full");
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(io);

    IOException thrown =
        assertThrows(
            IOException.class,
            () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, SERVER), attempt));

    assertSame(io, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertEquals(1, attempt.runs);
  }

  @Test
  void anErrorIsRethrownUnchanged() {
    StackOverflowError error = new StackOverflowError();

    assertSame(
        error,
        assertThrows(
            StackOverflowError.class,
            () ->
                engine(FakeRandom.of(0))
                    .execute(policy(Jitter.NONE, 3, SERVER), ScriptedAttempt.failing(error))));
  }

  @Test
  void whenAttemptsRunOutTheLastIsThrownWithTheEarlierSuppressedInOrder() {
    ClaudeException[] failures = overloads(3);
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(failures);

    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, SERVER), attempt));

    assertSame(failures[2], thrown);
    assertArrayEquals(new Throwable[] {failures[0], failures[1]}, thrown.getSuppressed());
    assertEquals(3, thrown.attempts());
    assertEquals(GiveUpReason.ATTEMPTS_EXHAUSTED, listener.giveUps.get(0).reason());
    assertEquals(3, listener.giveUps.get(0).attempts());
  }

  @Test
  void theSameExceptionThrownTwiceIsNotSuppressedInItself() {
    ClaudeException same = Failures.overloaded("req_1");
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(same, same);

    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 2, SERVER), attempt));

    assertSame(same, thrown);
    assertEquals(0, thrown.getSuppressed().length);
    assertEquals(2, thrown.attempts());
  }

  @Test
  void aWaitThatWouldPassTheDeadlineFailsAtOnce() {
    // Given a 1 s deadline and waits of 400 ms then 800 ms
    RetryPolicy policy =
        RetryPolicy.builder()
            .retryOn(SERVER)
            .maxAttempts(5)
            .backoff(Duration.ofMillis(400), Duration.ofSeconds(5), 2)
            .jitter(Jitter.NONE)
            .maxElapsed(Duration.ofSeconds(1))
            .build();
    ScriptedAttempt<String> attempt = ScriptedAttempt.failing(overloads(5));

    // When every attempt fails
    ClaudeException thrown =
        assertThrows(
            ClaudeException.class, () -> engine(FakeRandom.of(0)).execute(policy, attempt));

    // Then the second wait, ending at 1.2 s, is never started
    assertEquals(List.of(400L), time.sleeps());
    assertEquals(400L, time.millis());
    assertEquals(2, attempt.runs);
    assertEquals(2, thrown.attempts());
    assertEquals(GiveUpReason.DEADLINE, listener.giveUps.get(0).reason());
  }

  @Test
  void aRetryAfterPastTheDeadlineFailsAtOnce() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .retryOn(RATE_LIMIT)
            .jitter(Jitter.NONE)
            .maxElapsed(Duration.ofSeconds(1))
            .build();
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failing(Failures.rateLimit(Duration.ofSeconds(30)));

    assertThrows(ClaudeException.class, () -> engine(FakeRandom.of(0)).execute(policy, attempt));

    assertEquals(List.of(), time.sleeps());
    assertEquals(1, attempt.runs);
  }

  @Test
  void anInterruptDuringAWaitEndsTheCallAndKeepsTheFlag() {
    // Given the first wait is interrupted
    time.interruptSleep(0);
    ClaudeException first = Failures.overloaded("req_1");
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("never", first);

    // When the call runs
    ClaudeException thrown =
        assertThrows(
            ClaudeException.class,
            () -> engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, SERVER), attempt));

    // Then no further attempt is made, the flag is set again, and the interrupt is attached
    boolean flagWasSet = Thread.interrupted();
    assertTrue(flagWasSet);
    assertSame(first, thrown);
    assertEquals(1, attempt.runs);
    assertEquals(1, thrown.attempts());
    assertTrue(thrown.getSuppressed()[0] instanceof InterruptedException);
    assertEquals(GiveUpReason.INTERRUPTED, listener.giveUps.get(0).reason());
  }

  @Test
  void listenersHearEveryRetryWithItsAttemptKindWaitSourceAndRequestId() {
    ClaudeException[] failures = overloads(2);
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok", failures);

    engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 3, SERVER), attempt);

    assertEquals(
        List.of(
            new RetryEvent(
                2,
                ErrorKind.OVERLOADED,
                Duration.ofMillis(100),
                WaitSource.BACKOFF,
                "req_1",
                failures[0]),
            new RetryEvent(
                3,
                ErrorKind.OVERLOADED,
                Duration.ofMillis(200),
                WaitSource.BACKOFF,
                "req_2",
                failures[1])),
        listener.retries);
    assertEquals(List.of(), listener.giveUps);
  }

  @Test
  void aListenerThatThrowsDoesNotChangeTheOutcome() {
    RetryEngine engine =
        RetryEngine.builder()
            .timeSource(time)
            .sleeper(time)
            .listener(
                new RetryListener() {
                  @Override
                  public void onRetry(RetryEvent event) {
                    throw new IllegalStateException("listener bug");
                  }
                })
            .build();

    assertEquals(
        "ok",
        engine.execute(
            policy(Jitter.NONE, 2, SERVER),
            ScriptedAttempt.failingThen("ok", Failures.overloaded("req_1"))));
  }

  @Test
  void aConnectionFailureHasNoRequestIdInItsEvent() {
    ScriptedAttempt<String> attempt = ScriptedAttempt.failingThen("ok", Failures.connection());

    engine(FakeRandom.of(0)).execute(policy(Jitter.NONE, 2, ErrorKind.CONNECTION), attempt);

    assertEquals(null, listener.retries.get(0).requestId());
    assertEquals(ErrorKind.CONNECTION, listener.retries.get(0).kind());
  }

  @Test
  void aRetryAfterOfExactlyMaxServerWaitIsNotSpreadPastIt() {
    // Found by EveryServerHeaderIsSafeTest: retry-after 120 with the spread of a random near 1
    // slept 120,999 ms against a bound of 120,000
    RetryEngine engine = engine(FakeRandom.of(0.999));
    ScriptedAttempt<String> attempt =
        ScriptedAttempt.failingThen("ok", Failures.serverWithRetryAfter(engine.maxServerWait()));

    assertEquals("ok", engine.execute(policy(Jitter.FULL, 2, ErrorKind.SERVER), attempt));

    assertEquals(List.of(engine.maxServerWait().toMillis()), time.sleeps());
  }
}
