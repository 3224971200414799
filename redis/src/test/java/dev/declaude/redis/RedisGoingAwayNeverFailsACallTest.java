package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.internal.ratelimit.BucketMirror;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.retry.PacingException;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Redis killed in the middle of a fleet's run fails no call: the pod carries on with its own state
 * and says so in one warning; once Redis is back (started again, empty), the pod shares its state
 * again.
 */
// Reads the process's standard error, where every test logs: no other test class runs meanwhile.
@Isolated
class RedisGoingAwayNeverFailsACallTest {
  private final RedisServer redis = RedisServer.start();
  private final Fleet fleet = new Fleet(redis, "going-away-test");
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream err;

  @BeforeEach
  void captureLog() {
    err = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws Exception {
    System.setErr(err);
    fleet.close();
    redis.close();
  }

  /** A success saying {@code remaining} of {@code perMinute} requests are left. */
  private static ResponseMetadata left(long perMinute, long remaining) {
    RateLimit requests = new RateLimit(perMinute, remaining, Instant.now().plusSeconds(60));
    return new ResponseMetadata(200, "req", new RateLimits(requests, null, null, null), null, null);
  }

  private long declaudeLines(String level, String containing) {
    return log.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> l.contains(level + " dev.declaude") && l.contains(containing))
        .count();
  }

  /** Shows that {@code other} is held by what {@code pod} learned: a limit of 6 a minute, spent. */
  private void assertShared(RetryEngine pod, RetryEngine other) {
    pod.observe(left(6, 0));
    fleet.await(
        BucketMirror.state("requests"), m -> m.known() && m.levelAt(Long.MAX_VALUE / 4) < 7);
    RetryPolicy oneSecond = RetryPolicy.builder().maxElapsed(Duration.ofSeconds(1)).build();
    // The next request refills in 10 s: the other pod's caller is refused at once, not held.
    assertThrows(PacingException.class, () -> other.execute(oneSecond, () -> "sent"));
    // Room again, so the pods' calls go; too little to spare for a call to go without asking Redis
    // (a bucket of 61 never has the pacer's 64 requests to spare), so a call meets a Redis that is
    // gone, and warns, while it is made.
    pod.observe(left(6_000, 60));
    fleet.await(BucketMirror.state("requests"), m -> m.levelAt(Long.MAX_VALUE / 4) > 50);
  }

  @Test
  void callsKeepSucceedingWhileRedisIsDownAndThePodSharesAgainOnceItIsBack() throws Exception {
    RetryEngine a = fleet.pod();
    RetryEngine b = fleet.pod();
    RetryPolicy once = RetryPolicy.none();
    // Given two pods that share their domain through Redis
    assertShared(a, b);

    // When Redis is killed, Then the pod's calls keep succeeding, and one warning says why
    redis.kill();
    for (int i = 0; i < 20; i++) {
      assertEquals("ok", a.execute(once, () -> "ok"));
    }
    assertEquals(1, declaudeLines("WARN", ""), log.toString(StandardCharsets.UTF_8));
    assertEquals(1, declaudeLines("WARN", "did not answer"), log.toString(StandardCharsets.UTF_8));

    // When Redis is back (empty), Then within a probe or two the pod shares its state again
    redis.restart();
    RetryEngine c = fleet.pod();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (declaudeLines("INFO", "answers again") == 0 && System.nanoTime() < end) {
      // Each call may probe (at most once a second); a round trip to Redis paces the loop.
      assertEquals("ok", a.execute(once, () -> "ok"));
      fleet.await(BucketMirror.state("requests"), m -> true);
    }
    assertEquals(1, declaudeLines("INFO", "answers again"), log.toString(StandardCharsets.UTF_8));
    assertShared(a, c);
    assertTrue(declaudeLines("WARN", "") == 1, log.toString(StandardCharsets.UTF_8));
  }
}
