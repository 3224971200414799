package dev.declaude.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task later, so asynchronous calls wait for a retry or for the pacer without blocking a
 * thread. Injected so tests can run on virtual time.
 *
 * <p>Tasks run on the scheduler's thread and start the next attempt there: the attempt supplier
 * given to {@link RetryEngine#executeAsync} should start its work and return, not block.
 * Implementations must be thread-safe.
 */
public interface RetryScheduler {
  /**
   * Runs {@code task} once, after {@code delay}.
   *
   * @return a handle that cancels the task if it has not run yet
   */
  Cancellable schedule(Runnable task, Duration delay);

  /** Cancels a scheduled task; does nothing if it already ran or was cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run yet. */
    void cancel();
  }

  /**
   * Returns a scheduler on a process-wide single daemon thread, created on first use. One thread is
   * enough: it only starts attempts and never waits.
   */
  static RetryScheduler system() {
    return SystemScheduler.INSTANCE;
  }

  /**
   * Returns a scheduler on {@code executor}; the caller owns its life cycle.
   *
   * @throws NullPointerException if {@code executor} is null
   */
  static RetryScheduler using(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (task, delay) -> {
      var future = executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    };
  }
}
