package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.OverloadedException;
import dev.declaude.internal.ratelimit.RecoveryBoard;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One pod seeing the server come back ends the other pods' backoffs: in the order they started
 * waiting, a spacing apart, through Redis. The callers of pod B wait 30 s backoffs after 529s; a
 * success of pod A after the outage releases them at once. The 10 s bound on the wait only stops a
 * broken run; it measures nothing.
 */
class FleetRecoveryReleasesEveryPodsWaitersTest {
  private final RedisServer redis = RedisServer.start();
  private final Fleet fleet = new Fleet(redis, "recovery-test");

  @AfterEach
  void stop() throws Exception {
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
    fleet.awaitListeners(2);
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
    fleet.await(RecoveryBoard.STATE, board -> board.waitingIds().size() == 1);
    CompletableFuture<String> second = waitingCaller(b, thirtySeconds, "second", retried);
    fleet.await(RecoveryBoard.STATE, board -> board.waitingIds().size() == 2);

    // When pod A's call succeeds
    a.execute(RetryPolicy.none(), () -> "ok");

    // Then pod B's callers come back long before their 30 s, in the order they started waiting
    assertEquals("first", first.get(10, TimeUnit.SECONDS));
    assertEquals("second", second.get(10, TimeUnit.SECONDS));
    assertEquals(List.of("first", "second"), retried);
  }

  private static CompletableFuture<String> waitingCaller(
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
                }));
  }
}
