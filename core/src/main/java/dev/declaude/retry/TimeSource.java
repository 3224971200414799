package dev.declaude.retry;

import java.time.Instant;

/**
 * Tells the retry engine, budget and pacer the time: a monotonic clock to measure waits and
 * deadlines, and the wall clock to read the API's {@code anthropic-ratelimit-*-reset} instants.
 *
 * <p>Injected so tests can run on virtual time. Implementations must be thread-safe.
 */
public interface TimeSource {
  /** Returns monotonic milliseconds from an arbitrary origin; only differences mean anything. */
  long millis();

  /** Returns the current wall-clock instant. */
  Instant now();

  /** Returns the real clocks: {@link System#nanoTime()} and {@link Instant#now()}. */
  static TimeSource system() {
    return SystemTime.INSTANCE;
  }
}
