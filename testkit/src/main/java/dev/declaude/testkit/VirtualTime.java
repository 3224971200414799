package dev.declaude.testkit;

import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEngineBuilder;
import dev.declaude.retry.RetryScheduler;
import dev.declaude.retry.Sleeper;
import dev.declaude.retry.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Time for tests of retrying code: waits take no real time; they move a {@link FakeClock} forward
 * and are recorded. Give the same clock to the {@link ClaudeSimulator} and its rate limits, outages
 * and {@code retry-after} dates move with the retries, so a test of a 30-second outage runs in
 * milliseconds and its result does not depend on the machine's speed.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();
 * ClaudeClient client = ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl())
 *     .clock(time.clock()).retryEngine(time.retryEngine()).build();
 * }</pre>
 *
 * <p>Thread-safe. Async retries run, after their virtual delay, on one daemon thread.
 */
public final class VirtualTime implements TimeSource, Sleeper, RetryScheduler {
  private final FakeClock clock;
  private final Instant origin;
  private final List<Duration> sleeps = new ArrayList<>();
  private final ExecutorService async =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "declaude-virtual-time");
            t.setDaemon(true);
            return t;
          });

  private VirtualTime(FakeClock clock) {
    this.clock = clock;
    this.origin = clock.instant();
  }

  /** Returns virtual time starting at {@code start}. */
  public static VirtualTime startingAt(Instant start) {
    return new VirtualTime(FakeClock.at(start));
  }

  /** Returns the clock that moves with every wait; share it with the simulator and the client. */
  public FakeClock clock() {
    return clock;
  }

  /** Returns a retry engine of its own (budget, pacer) that waits in this virtual time. */
  public RetryEngine retryEngine() {
    return retryEngineBuilder().build();
  }

  /**
   * Returns a builder of a retry engine that waits in this virtual time, for adding a listener or
   * budget.
   */
  public RetryEngineBuilder retryEngineBuilder() {
    return RetryEngine.builder().timeSource(this).sleeper(this).scheduler(this);
  }

  @Override
  public long millis() {
    return Duration.between(origin, clock.instant()).toMillis();
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before a virtual wait of " + duration);
    }
    synchronized (this) {
      sleeps.add(duration);
    }
    clock.advance(duration);
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    var future =
        async.submit(
            () -> {
              synchronized (this) {
                sleeps.add(delay);
              }
              clock.advance(delay);
              task.run();
            });
    return () -> future.cancel(false);
  }

  /** Returns every wait so far, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** Returns the sum of all waits so far. */
  public synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
