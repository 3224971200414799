package dev.declaude.testkit;

/** How the simulator's own rate limiter tells a client when to come back. */
public enum RetryAfterStyle {
  /** Only {@code retry-after}, in whole seconds rounded up, as the real API sends it. */
  WHOLE_SECONDS,
  /** {@code retry-after} in whole seconds plus the exact wait in {@code retry-after-ms}. */
  WITH_MILLIS
}
