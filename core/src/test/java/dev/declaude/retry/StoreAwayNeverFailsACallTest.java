package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.ratelimit.RateLimitDomain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A shared rate-limit store that fails, or does not answer, never fails a call: the domain carries
 * on with this process's own state, seeded with what the store last said, says so in one warning,
 * and shares again once the store answers a probe (at most one a second). On virtual time, except
 * the bound on a store that never answers, which is real (100 ms) and which no assertion measures.
 */
// Reads the process's standard error, where every test logs: no other test class runs meanwhile.
@Isolated
class StoreAwayNeverFailsACallTest {
  private static final AtomicLong DOMAINS = new AtomicLong();

  private final FakeTime time = new FakeTime();
  private final FlakyStore store = new FlakyStore();
  private final RetryEngine engine =
      RetryEngine.builder()
          .timeSource(time)
          .sleeper(time)
          .scheduler(new FakeScheduler(time))
          .random(FakeRandom.of(0))
          .rateLimitDomain(RateLimitDomain.named("away-test-" + DOMAINS.incrementAndGet()))
          .rateLimitStore(store)
          .build();
  private final RetryPolicy policy = RetryPolicy.builder().retryOn(ErrorKind.SERVER).build();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream err;

  @BeforeEach
  void captureLog() {
    err = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    System.setErr(err);
  }

  private long lines(String containing) {
    return log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(containing)).count();
  }

  @Test
  void callsSucceedWhileTheStoreFailsAndOneWarningSaysSo() {
    store.mode(FlakyStore.Mode.FAILS);

    for (int i = 0; i < 5; i++) {
      assertEquals("ok", engine.execute(policy, () -> "ok"));
    }

    assertEquals(1, lines("WARN"), log.toString(StandardCharsets.UTF_8));
    assertEquals(
        1,
        lines("rate-limit store FlakyStore did not answer (IllegalStateException: store down)"),
        log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStoreThatAnswersNothingInTimeForASecondIsLeftWithOneWarning() {
    store.mode(FlakyStore.Mode.SILENT);

    // Each call waits the bound (100 ms, real) for the store, then goes on; 400 ms pass between
    // calls
    for (int i = 0; i < 4; i++) {
      assertEquals("ok", engine.execute(policy, () -> "ok"));
      time.advance(400);
    }

    // Left once a second had passed with no answer in time (or once a change nobody waited for
    // timed out)
    assertEquals(
        1,
        lines("rate-limit store FlakyStore did not answer"),
        log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void lateAnswersWithinTheSecondOnlyMakeTheirCallsGoOnWithoutTheStore() {
    store.mode(FlakyStore.Mode.SILENT);

    // Regression: three threads late together once left the store; late answers within a second do
    // not
    for (int i = 0; i < 3; i++) {
      assertEquals("ok", engine.execute(policy, () -> "ok"));
    }

    assertEquals(
        0, lines("did not answer (nothing answered"), log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void oneLateAnswerOnlyMakesThatCallGoOnWithoutTheStore() {
    // Given the store learned that the requests limit (60 a minute) is spent
    engine.observe(Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(60), 60));

    // When it does not answer a call's change once
    store.lateOnce();
    assertEquals("ok", engine.execute(policy, () -> "ok"));

    // Then that call was still paced by what the store knew, no warning was logged, and the store
    // stays
    assertEquals(List.of(1_000L), time.sleeps());
    assertEquals(0, lines("WARN"), log.toString(StandardCharsets.UTF_8));
    int before = store.answered();
    engine.execute(policy, () -> "ok");
    assertTrue(store.answered() > before);
  }

  @Test
  void theDomainSharesAgainOnceTheStoreAnswersAProbe() {
    // Given a store that went away
    store.mode(FlakyStore.Mode.FAILS);
    engine.execute(policy, () -> "ok");
    store.mode(FlakyStore.Mode.ANSWERS);
    int before = store.answered();

    // When it is back, Then it is asked no sooner than a second later
    engine.execute(policy, () -> "ok");
    assertEquals(0, store.pings());
    time.advance(1_000);
    engine.execute(policy, () -> "ok");
    assertEquals(1, store.pings());

    // And once it answered, calls change its state again
    engine.execute(policy, () -> "ok");
    assertTrue(store.answered() > before, "the store was not used again");
    assertEquals(
        1,
        lines("rate-limit store FlakyStore answers again"),
        log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void whatTheStoreKnewHoldsCallersAfterItWentAway() {
    // Given the store learned that the requests limit (60 a minute) is spent
    engine.observe(
        Failures.requestsSpentUntil(FakeTime.EPOCH.plusSeconds(60), 60).withRequestIdIfAbsent("r"));

    // When the store goes away and a call starts
    store.mode(FlakyStore.Mode.FAILS);
    assertEquals("ok", engine.execute(policy, () -> "ok"));

    // Then this process still paces by what the store knew: the call waited for a request to refill
    assertEquals(List.of(1_000L), time.sleeps());
  }
}
