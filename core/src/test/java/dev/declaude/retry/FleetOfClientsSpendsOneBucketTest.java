package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.RateLimitException;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Regression: the rate limit belongs to the organisation, but each client kept its own copy of the
 * bucket and assumed it was the only sender, so four pods sharing one limit spent many requests on
 * 429s (measured: 68 of 320 calls, efficiency 0.73). Pods whose engines share the domain through
 * one store now spend one copy of the bucket. A discrete-event run on virtual time: four pods, each
 * with its own engine, pacer and callers, against one token bucket that answers with the API's
 * headers.
 */
class FleetOfClientsSpendsOneBucketTest {
  private static final int PODS = 4;
  private static final int CALLERS_PER_POD = 4;
  private static final int CALLS_PER_CALLER = 25;
  private static final double PER_SECOND = 20;
  private static final int BURST = 5;
  private static final long LATENCY_MS = 5;
  private static final AtomicLong RUNS = new AtomicLong();

  /**
   * What a run did: when the last call ended (virtual ms), how many requests the server refused,
   * how many calls failed.
   */
  record Result(long makespan, int refused, int failed) {}

  /**
   * The server's bucket, on virtual time, reporting itself as the API does (requests per minute,
   * reset rounded up).
   */
  private static final class Server {
    final FakeTime time;
    double tokens = BURST;
    long last;
    int refused;

    Server(FakeTime time) {
      this.time = time;
    }

    ResponseMetadata answer() {
      long now = time.millis();
      tokens = Math.min(BURST, tokens + (now - last) * PER_SECOND / 1000);
      last = now;
      boolean granted = tokens >= 1 - 1e-9;
      if (granted) {
        tokens -= 1;
      } else {
        refused++;
      }
      long fullIn = (long) Math.ceil((BURST - tokens) * 1000 / PER_SECOND);
      Instant full = time.now().plusMillis(fullIn);
      RateLimit requests =
          new RateLimit(Math.round(PER_SECOND * 60), (long) Math.floor(tokens + 1e-9), full);
      Duration retryAfter = granted ? null : Duration.ofSeconds(1);
      return new ResponseMetadata(
          granted ? 200 : 429, "req", new RateLimits(requests, null, null, null), retryAfter, null);
    }
  }

  /** How the callers are spread over clients. */
  enum Fleet {
    /** One client (engine) with every caller: the best a fleet can hope for. */
    ONE_CLIENT,
    /** Four pods, each a client of its own, sharing one domain through one store. */
    SHARED,
    /** Four pods, each keeping its own copy of the bucket, as before domains. */
    EACH_ON_ITS_OWN
  }

  private static Result run(Fleet fleet) {
    FakeTime time = new FakeTime();
    FakeScheduler scheduler = new FakeScheduler(time);
    Random random = new Random(42);
    RateLimitDomain domain = RateLimitDomain.named("fleet-test-" + RUNS.incrementAndGet());
    Server server = new Server(time);
    RetryPolicy policy =
        RetryPolicy.builder().retryOn(ErrorKind.RATE_LIMIT).maxAttempts(50).build();
    long[] end = {0};
    int[] failed = {0};
    List<RetryEngine> pods = new ArrayList<>();
    for (int p = 0; p < (fleet == Fleet.ONE_CLIENT ? 1 : PODS); p++) {
      RetryEngineBuilder pod =
          RetryEngine.builder()
              .timeSource(time)
              .sleeper(time)
              .scheduler(scheduler)
              .random(random::nextDouble)
              .budget(RetryBudget.unlimited());
      if (fleet == Fleet.SHARED) {
        pod.rateLimitDomain(domain).rateLimitStore(new PodStore(RateLimitStore.inProcess()));
      }
      pods.add(pod.build());
    }
    for (int c = 0; c < PODS * CALLERS_PER_POD; c++) {
      call(
          pods.get(c % pods.size()),
          policy,
          server,
          scheduler,
          time,
          CALLS_PER_CALLER,
          end,
          failed);
    }
    scheduler.runAll();
    return new Result(end[0], server.refused, failed[0]);
  }

  private static void call(
      RetryEngine engine,
      RetryPolicy policy,
      Server server,
      FakeScheduler scheduler,
      FakeTime time,
      int left,
      long[] end,
      int[] failed) {
    if (left == 0) {
      return;
    }
    engine
        .executeAsync(
            policy,
            () -> {
              ResponseMetadata answer = server.answer();
              CompletableFuture<String> response = new CompletableFuture<>();
              scheduler.schedule(
                  () -> {
                    if (answer.status() == 200) {
                      engine.observe(answer);
                      response.complete("ok");
                    } else {
                      response.completeExceptionally(
                          new RateLimitException(
                              new FailedResponse(
                                  "rate_limit_error", null, "Rate limited", answer)));
                    }
                  },
                  Duration.ofMillis(LATENCY_MS));
              return response;
            })
        .whenComplete(
            (ok, error) -> {
              failed[0] += error == null ? 0 : 1;
              end[0] = Math.max(end[0], time.millis());
              call(engine, policy, server, scheduler, time, left - 1, end, failed);
            });
  }

  @Test
  void podsThatShareTheirDomainSpendOneBucketAsOneClientDoes() {
    Result one = run(Fleet.ONE_CLIENT);
    Result shared = run(Fleet.SHARED);
    Result alone = run(Fleet.EACH_ON_ITS_OWN);
    // The server serves its burst at once, then its rate: no fleet can finish sooner.
    long ideal =
        Math.round(((long) PODS * CALLERS_PER_POD * CALLS_PER_CALLER - BURST) * 1000 / PER_SECOND);
    String runs = "one client: " + one + "; shared: " + shared + "; each on its own: " + alone;

    assertEquals(0, shared.failed(), runs);
    // Before the first answer nobody knows the bucket: the first callers' refusals are everyone's.
    assertTrue(shared.refused() <= one.refused() + PODS, runs);
    assertTrue(shared.makespan() <= ideal * 1.02, runs + "; ideal " + ideal + " ms");
    assertTrue(alone.refused() >= 5 * shared.refused(), runs);
  }
}
