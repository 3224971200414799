package dev.declaude.retry;

import java.time.Duration;

/**
 * Waits on the calling thread between synchronous attempts. Injected so tests can run on virtual
 * time. Implementations must be thread-safe.
 */
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted before or while waiting; the flag is
   *     then cleared, as {@link Thread#sleep(long)} does
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Waits for a retry backoff that may end early: until {@code alarm}'s {@link Alarm#dueMillis()
   * due time}, which the engine moves earlier when another call of the client succeeds (see {@link
   * RetryEngine}).
   *
   * <p>The default waits the whole {@link Alarm#planned() planned} wait with {@link #sleep}:
   * correct, only not cut short, which suits recording and virtual-time sleepers. The real sleeper
   * waits on the alarm.
   *
   * @throws InterruptedException as {@link #sleep}
   */
  default void sleepUntil(Alarm alarm) throws InterruptedException {
    sleep(alarm.planned());
  }

  /** Returns the real sleeper: {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return SystemTime.INSTANCE;
  }
}
