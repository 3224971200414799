package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.internal.ratelimit.TokenBuckets;
import dev.declaude.internal.ratelimit.TokenReport;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.retry.TokenCost;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pods that share a domain through one Redis never spend more of the API's input-tokens bucket than
 * it holds: three pods (engines, each with its own store, as in three processes), three callers
 * each, send 36 requests of 1,000 input tokens through one copy of a bucket of 2,400,000 a minute
 * with 5,000 left. However the threads are scheduled, by the time the k-th request starts the
 * bucket has had room for k of them; slowness only makes that easier, so nothing here depends on
 * timing.
 */
class PodsNeverOverspendTheSharedTokenBucketsTest {
  private static final int PODS = 3;
  private static final int CALLERS = 3;
  private static final int CALLS = 4;
  private static final long PER_MINUTE = 2_400_000;
  private static final long LEFT = 5_000;
  private static final long TOKENS = 1_000;

  private final RedisServer redis = RedisServer.start();
  private final Fleet fleet = new Fleet(redis, "token-overspend-test");

  @AfterEach
  void stop() throws Exception {
    fleet.close();
    redis.close();
  }

  @Test
  void requestsNeverStartFasterThanTheSharedInputBucketRefills() throws Exception {
    RateLimitDomain domain = fleet.domain;
    // Given the domain's copy knows the input bucket: 5,000 left now (by Redis's clock), reported
    // as the API rounds it (5,500 means at least 5,000)
    TokenReport first =
        new TokenReport(
            new TokenReport.Family(PER_MINUTE, LEFT + TokenBuckets.ROUNDING, null),
            null,
            null,
            0,
            0,
            0,
            0,
            null,
            0,
            false,
            0,
            0,
            0,
            0);
    long[] start = {0};
    fleet
        .store()
        .update(
            domain.id(),
            TokenBuckets.state(),
            0,
            (b, now) -> {
              start[0] = now;
              return b.afterReport(now, first);
            })
        .toCompletableFuture()
        .join();

    // When three pods' callers send their requests, each reserving 1,000 input tokens
    RetryPolicy once = RetryPolicy.none();
    TokenCost cost = TokenCost.of(TOKENS, 0);
    List<Long> sorted =
        fleet.attemptStarts(
            PODS, CALLERS, CALLS, (pod, attempt) -> pod.execute(once, cost, null, attempt));

    // Then the k-th request started only once the bucket had room for k of them since the start
    assertEquals(PODS * CALLERS * CALLS, sorted.size());
    double perMilli = PER_MINUTE / 60_000.0;
    for (int k = 1; k <= sorted.size(); k++) {
      double room = LEFT + perMilli * (sorted.get(k - 1) - start[0]);
      long spent = k * TOKENS;
      int nth = k;
      assertTrue(
          spent <= room + 1e-6,
          () ->
              "request "
                  + nth
                  + " started "
                  + (sorted.get(nth - 1) - start[0])
                  + " ms after the start, having spent "
                  + spent
                  + " tokens when the bucket had held "
                  + (long) room);
    }
  }
}
