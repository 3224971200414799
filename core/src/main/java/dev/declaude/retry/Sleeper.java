package dev.declaude.retry;

import java.time.Duration;

/**
 * Waits on the calling thread between synchronous attempts. Injected so tests can run on virtual time.
 * Implementations must be thread-safe.
 */
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted before or while waiting; the flag is then
   *     cleared, as {@link Thread#sleep(long)} does
   */
  void sleep(Duration duration) throws InterruptedException;

  /** Returns the real sleeper: {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return SystemTime.INSTANCE;
  }
}
