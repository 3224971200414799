package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.internal.ratelimit.BucketMirror;
import dev.declaude.retry.RetryPolicy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pods that share a domain through one Redis never spend more of the API's requests bucket than it
 * holds: three pods (engines, each with its own store, as in three processes), three callers each,
 * pace 72 calls through one mirror of 50 requests a second with 5 left. However the threads are
 * scheduled, by the time the k-th call starts the bucket has had room for k requests; slowness only
 * makes that easier, so nothing here depends on timing.
 */
class PodsNeverOverspendTheSharedBucketTest {
  private static final int PODS = 3;
  private static final int CALLERS = 3;
  private static final int CALLS = 8;
  private static final long PER_MINUTE = 3_000;
  private static final long LEFT = 5;

  private final RedisServer redis = RedisServer.start();
  private final Fleet fleet = new Fleet(redis, "overspend-test");

  @AfterEach
  void stop() throws Exception {
    fleet.close();
    redis.close();
  }

  @Test
  void callsNeverStartFasterThanTheSharedBucketRefills() throws Exception {
    // Given the domain's mirror knows the bucket: 50 a second, 5 left now (by Redis's clock)
    long[] start = {0};
    fleet
        .store()
        .update(
            fleet.domain.id(),
            BucketMirror.state("requests"),
            0,
            (m, now) -> {
              start[0] = now;
              return m.afterReport(now, PER_MINUTE, LEFT, null, false, 0, 0, Long.MIN_VALUE);
            })
        .toCompletableFuture()
        .join();

    // When three pods' callers make their calls
    RetryPolicy once = RetryPolicy.none();
    List<Long> sorted =
        fleet.attemptStarts(PODS, CALLERS, CALLS, (pod, attempt) -> pod.execute(once, attempt));

    // Then the k-th call started only once the bucket had room for k requests since the start
    assertEquals(PODS * CALLERS * CALLS, sorted.size());
    double perMilli = PER_MINUTE / 60_000.0;
    for (int k = 1; k <= sorted.size(); k++) {
      double room = LEFT + perMilli * (sorted.get(k - 1) - start[0]) + 1;
      int nth = k;
      assertTrue(
          nth <= room,
          () ->
              "call "
                  + nth
                  + " started "
                  + (sorted.get(nth - 1) - start[0])
                  + " ms after the start, when the bucket had room for "
                  + (int) Math.floor(room));
    }
  }
}
