package dev.declaude.annotation;

/**
 * How a retry's backoff wait is randomised, so that callers that failed together do not retry
 * together.
 */
public enum Jitter {
  /** Uniform in [0, wait]: spreads callers the most; the default. */
  FULL,
  /** wait/2 plus uniform in [0, wait/2]: never less than half the wait. */
  EQUAL,
  /** Exactly the computed wait. */
  NONE
}
