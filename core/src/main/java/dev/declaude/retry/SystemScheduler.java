package dev.declaude.retry;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The default {@link RetryScheduler}: one lazily started daemon thread for the whole process. */
final class SystemScheduler implements RetryScheduler {
  static final SystemScheduler INSTANCE = new SystemScheduler();

  private SystemScheduler() {}

  /** Holder idiom: the thread starts only when the first asynchronous call waits. */
  private static final class Executor {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor e =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "declaude-retry-scheduler");
                // A daemon, so a pending retry never keeps the JVM alive after main ends.
                t.setDaemon(true);
                return t;
              });
      // Cancelled retries are dropped at once rather than held until their delay passes.
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    return RetryScheduler.using(Executor.EXECUTOR).schedule(task, delay);
  }
}
