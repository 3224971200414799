package dev.declaude.internal.rules;

import dev.declaude.annotation.ErrorKind;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The bounds of a retry policy's settings and the one wording of each: the rule set reports them,
 * with rule ids, on {@code @RetryOn} (at compile time and at {@code create()}), and {@code
 * RetryPolicyBuilder} throws them for settings given in code. Each method returns the problem, or
 * {@code null} when there is none. Not an API. Stateless and thread-safe.
 */
public final class RetryBounds {
  /** The kinds a retry can fix, as a list for messages. */
  public static final String RETRYABLE =
      Arrays.stream(ErrorKind.values())
          .filter(ErrorKind::isRetryable)
          .map(ErrorKind::name)
          .collect(Collectors.joining(", "));

  private RetryBounds() {}

  /** Returns why {@code kind} may not be retried, or {@code null}. */
  public static String kind(ErrorKind kind) {
    return kind.isRetryable()
        ? null
        : kind
            + " cannot be fixed by retrying: the same request fails the same way again; retry only "
            + RETRYABLE;
  }

  /** Returns why {@code maxAttempts} is out of bounds, or {@code null}. */
  public static String maxAttempts(int maxAttempts) {
    return maxAttempts >= 1
        ? null
        : "maxAttempts is "
            + maxAttempts
            + " but must be at least 1 (it counts the first attempt); use 1 for no retries";
  }

  /**
   * Returns why a delay (named and shown as the caller writes it) is out of bounds, or {@code
   * null}.
   */
  public static String delay(String name, long millis, String shown) {
    return millis >= 0 ? null : name + " is " + shown + " but must not be negative";
  }

  /** Returns why the initial delay exceeds the longest one, or {@code null}. */
  public static String delayOrder(
      String initialName, long initial, String maxName, long max, String unit) {
    return initial <= max
        ? null
        : initialName
            + " "
            + initial
            + unit
            + " exceeds "
            + maxName
            + " "
            + max
            + unit
            + "; lower "
            + initialName
            + " or raise "
            + maxName;
  }

  /** Returns why the backoff multiplier is out of bounds, or {@code null}. */
  public static String multiplier(double multiplier) {
    if (Double.isNaN(multiplier) || Double.isInfinite(multiplier)) {
      return "multiplier "
          + multiplier
          + " is not a finite number; use 1 for a constant wait or more";
    }
    return multiplier >= 1
        ? null
        : "multiplier "
            + multiplier
            + " is below 1, so waits would shrink; use 1 for a constant wait or more";
  }
}
