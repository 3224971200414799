package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.RateLimitException;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pacer's rule: on any server, pacing may only ever reduce 429s; it must never lower throughput
 * below what the same client achieves with pacing switched off. A discrete-event simulation on
 * virtual time runs the real engine, pacer and recovery against a model of a rate-limited server
 * that reports its bucket in the ways servers do: honestly (requests per minute), as gateways do
 * (the burst size as {@code -limit}), as the API may (a per-minute limit enforced per second), or
 * not at all.
 */
class PacingNeverLowersThroughputTest {
  private static final int CALLERS = 8;
  private static final int CALLS_PER_CALLER = 25;
  private static final long LATENCY_MS = 5;

  /** How the model server words its bucket. */
  enum Headers {
    /**
     * {@code -limit} is requests per minute; {@code -reset} when full, rounded up to the second.
     */
    PER_MINUTE,
    /** {@code -limit} is the burst size; {@code -reset} when full, rounded up to the second. */
    BURST,
    /** {@code -limit} is the burst size; {@code -reset} when full, to the millisecond. */
    BURST_EXACT,
    /** No rate-limit headers: only a 429's {@code retry-after}. */
    NONE
  }

  record Model(String name, double perSecond, int burst, Headers headers, long latencyMs) {
    Model(String name, double perSecond, int burst, Headers headers) {
      this(name, perSecond, burst, headers, LATENCY_MS);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Model> models() {
    return Stream.of(
        new Model("20/s burst 5, honest", 20, 5, Headers.PER_MINUTE),
        new Model("20/s burst 5, burst as limit", 20, 5, Headers.BURST),
        new Model("20/s burst 5, burst as limit, exact reset", 20, 5, Headers.BURST_EXACT),
        new Model("10/s burst 600, honest", 10, 600, Headers.PER_MINUTE),
        new Model("60 per minute enforced per second", 1, 1, Headers.PER_MINUTE),
        new Model("5/s burst 2, no headers", 5, 2, Headers.NONE),
        new Model("50/s burst 1, burst as limit", 50, 1, Headers.BURST),
        new Model("40/s burst 10, honest, 60 ms away", 40, 10, Headers.PER_MINUTE, 60),
        new Model("40/s burst 10, burst as limit, 60 ms away", 40, 10, Headers.BURST, 60),
        new Model("2/s burst 20, burst as limit", 2, 20, Headers.BURST));
  }

  /**
   * What one run did: when the last call ended (virtual ms), and how many requests were refused.
   */
  record Result(long makespan, int refused, int failed) {}

  /** A token bucket on virtual time that answers as the model says. */
  private static final class Server {
    final Model model;
    final FakeTime time;
    double tokens;
    long last;
    int refused;

    Server(Model model, FakeTime time) {
      this.model = model;
      this.time = time;
      this.tokens = model.burst();
    }

    ResponseMetadata answer() {
      long now = time.millis();
      tokens = Math.min(model.burst(), tokens + (now - last) * model.perSecond() / 1000);
      last = now;
      boolean granted = tokens >= 1 - 1e-9;
      if (granted) {
        tokens = Math.max(0, tokens - 1);
      } else {
        refused++;
      }
      long fullInMillis = (long) Math.ceil((model.burst() - tokens) * 1000 / model.perSecond());
      Instant full = time.now().plusMillis(fullInMillis);
      RateLimits limits = RateLimits.NONE;
      if (model.headers() != Headers.NONE) {
        long limit =
            model.headers() == Headers.PER_MINUTE
                ? Math.round(model.perSecond() * 60)
                : model.burst();
        Instant reset = model.headers() == Headers.BURST_EXACT ? full : roundUp(full);
        limits =
            new RateLimits(
                new RateLimit(limit, (long) Math.floor(tokens + 1e-9), reset), null, null, null);
      }
      Duration retryAfter = null;
      if (!granted) {
        long millis = (long) Math.ceil((1 - tokens) * 1000 / model.perSecond());
        retryAfter = Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
      }
      return new ResponseMetadata(granted ? 200 : 429, "req", limits, retryAfter, null);
    }

    private static Instant roundUp(Instant instant) {
      Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
      return whole.isBefore(instant) ? whole.plusSeconds(1) : whole;
    }
  }

  private static Result run(Model model, boolean pacing) {
    FakeTime time = new FakeTime();
    FakeScheduler scheduler = new FakeScheduler(time);
    Random random = new Random(42);
    RetryEngine engine =
        RetryEngine.builder()
            .timeSource(time)
            .sleeper(time)
            .scheduler(scheduler)
            .random(random::nextDouble)
            .budget(RetryBudget.unlimited())
            .pacing(pacing)
            .build();
    RetryPolicy policy =
        RetryPolicy.builder().retryOn(ErrorKind.RATE_LIMIT).maxAttempts(50).build();
    Server server = new Server(model, time);
    long[] end = {0};
    int[] failed = {0};
    for (int caller = 0; caller < CALLERS; caller++) {
      call(engine, policy, server, scheduler, time, CALLS_PER_CALLER, end, failed);
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
                    // The transport tells the pacer of a success; the engine tells it of a failure.
                    if (answer.status() == 200) {
                      engine.pacer().onResponse(answer);
                      response.complete("ok");
                    } else {
                      response.completeExceptionally(
                          new RateLimitException(
                              new FailedResponse(
                                  "rate_limit_error", null, "Rate limited", answer)));
                    }
                  },
                  Duration.ofMillis(server.model.latencyMs()));
              return response;
            })
        .whenComplete(
            (ok, error) -> {
              failed[0] += error == null ? 0 : 1;
              end[0] = Math.max(end[0], time.millis());
              call(engine, policy, server, scheduler, time, left - 1, end, failed);
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void pacingNeverLowersThroughputAndNeverAddsRefusals(Model model) {
    Result off = run(model, false);
    Result on = run(model, true);

    assertEquals(0, on.failed(), "calls failed with pacing on: " + on);
    assertTrue(
        on.makespan() <= off.makespan() * 1.05,
        () -> "pacing on took " + on.makespan() + " ms, off " + off.makespan() + " ms");
    assertTrue(
        on.refused() <= off.refused(),
        () -> "pacing on spent " + on.refused() + " requests on 429s, off " + off.refused());
  }
}
