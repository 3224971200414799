package dev.declaude.retry;

import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * A planned wait before a retry, where it came from, and the least of it the server asked for (its
 * {@code retry-after}, else 0), which no early end may undercut; {@link #plan} holds the backoff
 * rules.
 */
record Wait(long millis, WaitSource source, long leastMillis) {
  /** Spread added after a retry-after: at most a tenth of it, and at most 1 s. */
  private static final long MAX_SPREAD_MILLIS = 1_000;

  /**
   * Plans the wait before retry {@code retry} (1 for the first) after {@code failure}: the jittered
   * backoff, raised to the server's retry-after (plus a small positive spread) when that asks for
   * more.
   */
  static Wait plan(RetryPolicy policy, int retry, ClaudeException failure, DoubleSupplier random) {
    long backoff = jitter(policy.jitter(), policy.backoffBefore(retry).toMillis(), random);
    Optional<Duration> retryAfter = RetrySignals.retryAfter(failure);
    if (retryAfter.isEmpty()) {
      return new Wait(backoff, WaitSource.BACKOFF, 0);
    }
    long serverMillis = retryAfter.get().toMillis();
    // The server's wait is the least wait: spread is only ever added, so no caller comes back
    // early.
    long least = serverMillis + spread(policy.jitter(), serverMillis, random);
    return least >= backoff
        ? new Wait(least, WaitSource.RETRY_AFTER, least)
        : new Wait(backoff, WaitSource.BACKOFF, serverMillis);
  }

  private static long jitter(Jitter jitter, long wait, DoubleSupplier random) {
    switch (jitter) {
      case FULL:
        return (long) (wait * random.getAsDouble());
      case EQUAL:
        return wait / 2 + (long) ((wait - wait / 2) * random.getAsDouble());
      default:
        return wait;
    }
  }

  private static long spread(Jitter jitter, long serverMillis, DoubleSupplier random) {
    if (jitter == Jitter.NONE) {
      return 0;
    }
    return (long) (Math.min(serverMillis / 10, MAX_SPREAD_MILLIS) * random.getAsDouble());
  }
}
