package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.OverloadedException;
import dev.declaude.internal.ratelimit.RecoveryBoard;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One pod seeing the server come back ends the other pods' backoffs: in the order they started
 * waiting, a spacing apart, through Redis.
 *
 * <p>Regression: the test's own listener of the fleet's signals was a method reference no one held,
 * and stores hold listeners weakly: when a collection came first, the release was never heard
 * (about once in thirty runs). It is now held to the end.
 *
 * <p>Regression: the test asserted the order in which the released callers' threads ran; with slots
 * 5 ms apart on a machine running two test JVMs, they ran the other way round. It now reads the
 * order of the slots the release gave them. The callers of pod B wait 30 s backoffs after 529s; a
 * success of pod A after the outage releases them at once. The 10 s bound on the wait only stops a
 * broken run; it measures nothing.
 */
class FleetRecoveryReleasesEveryPodsWaitersTest {
  private final RedisServer redis = RedisServer.start();
  private final Fleet fleet = new Fleet(redis, "recovery-test");

  // The callers block for their backoffs: on threads of their own, not the common pool's, which on
  // a
  // two-core machine has a single thread (the second caller never started on JDK 25).
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void stop() throws Exception {
    callers.shutdownNow();
    fleet.close();
    redis.close();
  }

  private static OverloadedException overloaded() {
    return new OverloadedException(
        new FailedResponse("overloaded_error", null, "Overloaded", ResponseMetadata.ofStatus(529)));
  }

  @Test
  void aSuccessInOnePodEndsTheOtherPodsBackoffsInOrder() throws Exception {
    RetryEngine a = fleet.pod();
    RetryEngine b = fleet.pod();
    // The test listens to the fleet's signals too, to see the release the success publishes
    BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    // Kept reachable to the end: the store holds its listeners weakly, and a collected one hears
    // nothing (the test missed the release so about once in thirty runs)
    Consumer<String> listener = signals::add;
    AutoCloseable listening = fleet.store().subscribe(fleet.domain.id(), listener);
    fleet.awaitListeners(3);
    RetryPolicy thirtySeconds =
        RetryPolicy.builder()
            .retryOn(ErrorKind.SERVER)
            .maxAttempts(2)
            .jitter(Jitter.NONE)
            .backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), 1)
            .build();
    List<String> retried = new CopyOnWriteArrayList<>();

    // Given two callers of pod B waiting 30 s after 529s, one after the other
    CompletableFuture<String> first = waitingCaller(b, thirtySeconds, "first", retried);
    String firstId =
        fleet
            .await(RecoveryBoard.STATE, board -> board.waitingIds().size() == 1)
            .waitingIds()
            .get(0);
    CompletableFuture<String> second = waitingCaller(b, thirtySeconds, "second", retried);
    String secondId =
        fleet
            .await(RecoveryBoard.STATE, board -> board.waitingIds().size() == 2)
            .waitingIds()
            .get(1);

    // When pod A's call succeeds
    a.execute(RetryPolicy.none(), () -> "ok");

    // Then pod B's callers come back long before their 30 s, released in the order they started
    // waiting: the release the fleet's board published gave the first the earlier slot. (The order
    // in which their threads then ran is the scheduler's: slots 5 ms apart on a loaded machine may
    // run the other way round.)
    List<RecoveryBoard.Slot> slots = List.of();
    while (slots.isEmpty()) {
      String signal = signals.poll(10, TimeUnit.SECONDS);
      assertNotNull(signal, "no release was published");
      slots = RecoveryBoard.parseRelease(signal);
    }
    listening.close();
    Reference.reachabilityFence(listener);
    assertEquals(List.of(firstId, secondId), slots.stream().map(RecoveryBoard.Slot::id).toList());
    assertTrue(slots.get(0).at() < slots.get(1).at(), slots::toString);
    assertEquals("first", first.get(10, TimeUnit.SECONDS));
    assertEquals("second", second.get(10, TimeUnit.SECONDS));
    assertEquals(Set.of("first", "second"), Set.copyOf(retried));
  }

  private CompletableFuture<String> waitingCaller(
      RetryEngine pod, RetryPolicy policy, String name, List<String> retried) {
    AtomicInteger attempts = new AtomicInteger();
    return CompletableFuture.supplyAsync(
        () ->
            pod.execute(
                policy,
                () -> {
                  if (attempts.incrementAndGet() == 1) {
                    throw overloaded();
                  }
                  retried.add(name);
                  return name;
                }),
        callers);
  }
}
