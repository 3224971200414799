package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Regression: the hook that moves an asynchronous backoff earlier cancelled the call's
 * <em>current</em> timer. Run late, after the backoff it belonged to had ended and the call had
 * gone on to its next wait, it cancelled that next wait's timer, and the future never completed.
 * Each timer now owns what it scheduled. The interleaving is driven by hand on virtual time.
 */
class LateEarlyEndLosesNoWakeUpTest {
  private final FakeTime time = new FakeTime();
  private final FakeScheduler scheduler = new FakeScheduler(time);
  private final RetryEngine engine =
      RetryEngine.builder()
          .timeSource(time)
          .sleeper(time)
          .scheduler(scheduler)
          .random(FakeRandom.of(0))
          .build();

  @Test
  void aMoveOfAnEndedBackoffLeavesTheNextWaitScheduled() {
    RetryPolicy policy =
        RetryPolicy.builder()
            .retryOn(ErrorKind.SERVER)
            .maxAttempts(3)
            .jitter(Jitter.NONE)
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)
            .build();
    int[] runs = {0};
    CompletableFuture<String> call =
        engine.executeAsync(
            policy,
            () ->
                runs[0]++ < 2
                    ? CompletableFuture.failedFuture(Failures.overloaded("req_" + runs[0]))
                    : CompletableFuture.completedFuture("ok"));
    // Given the first backoff's alarm, registered for an early end
    Alarm first = engine.recovery().waitingNow().get(0);

    // When that backoff ends on its own and the second attempt fails into a second backoff
    scheduler.runNext();
    assertEquals(1, scheduler.pendingCount());

    // And only then the early end of the first backoff arrives, late (any instant before its end
    // moves it)
    first.moveTo(time.millis() - 1);

    // Then the second backoff is still scheduled, and the call completes
    scheduler.runAll();
    assertTrue(call.isDone(), "the call lost its wake-up");
    assertEquals("ok", call.join());
    assertEquals(List.of(1000L, 1000L), scheduler.delays());
  }
}
