package dev.declaude.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Time arithmetic on values a server chose, which saturates instead of overflowing: a {@code
 * -reset} in the year 999,999,999 or a {@code retry-after} of a billion seconds must never make an
 * {@link ArithmeticException} escape. Stateless and thread-safe.
 */
public final class TimeMath {
  private TimeMath() {}

  /**
   * Returns the milliseconds from {@code from} to {@code to}, clamped to the range of a {@code
   * long}.
   */
  public static long millisBetween(Instant from, Instant to) {
    return millis(Duration.between(from, to));
  }

  /**
   * Returns {@code d} in milliseconds (rounded towards zero), clamped to the range of a {@code
   * long}.
   */
  public static long millis(Duration d) {
    long seconds = d.getSeconds();
    if (seconds > Long.MAX_VALUE / 1000 - 1) {
      return Long.MAX_VALUE;
    }
    if (seconds < Long.MIN_VALUE / 1000 + 1) {
      return Long.MIN_VALUE;
    }
    return d.toMillis();
  }

  /** Returns {@code a + b}, clamped to the range of a {@code long}. */
  public static long plus(long a, long b) {
    long sum = a + b;
    // Overflow iff both operands have the sign opposite to the sum's.
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
