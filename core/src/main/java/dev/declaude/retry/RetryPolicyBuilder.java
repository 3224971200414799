package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.internal.rules.RetryBounds;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link RetryPolicy}, checking every value as it is set. The defaults are those of
 * {@code @RetryOn}: no kinds, 3 attempts, 500 ms doubling up to 8 s (the official SDKs' constants),
 * full jitter and no deadline.
 *
 * <p>Not thread-safe; {@link #build()} copies the settings, so a built policy never changes.
 */
public final class RetryPolicyBuilder {
  final Set<ErrorKind> kinds = EnumSet.noneOf(ErrorKind.class);
  int maxAttempts = 3;
  Duration initialDelay = Duration.ofMillis(500);
  Duration maxDelay = Duration.ofSeconds(8);
  double multiplier = 2.0;
  Jitter jitter = Jitter.FULL;
  Duration maxElapsed;
  Duration maxServerWait;
  int fallbacks;
  boolean fallbackAtOnce;

  RetryPolicyBuilder() {}

  /**
   * Adds kinds to retry; kinds nested in them are retried too.
   *
   * @throws NullPointerException if {@code kinds} or one of them is null
   * @throws IllegalArgumentException if a kind's {@link ErrorKind#isRetryable()} is false
   */
  public RetryPolicyBuilder retryOn(ErrorKind... kinds) {
    Objects.requireNonNull(kinds, "kinds");
    for (ErrorKind kind : kinds) {
      Objects.requireNonNull(kind, "kinds contains null");
      check(RetryBounds.kind(kind));
      this.kinds.add(kind);
    }
    return this;
  }

  /**
   * Sets how many attempts a call may make, the first included.
   *
   * @throws IllegalArgumentException if {@code maxAttempts < 1}
   */
  public RetryPolicyBuilder maxAttempts(int maxAttempts) {
    check(RetryBounds.maxAttempts(maxAttempts));
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * Sets the exponential backoff: the wait before retry n is {@code min(maxDelay, initialDelay ×
   * multiplier^(n-1))}, before jitter.
   *
   * @throws NullPointerException if a delay is null
   * @throws IllegalArgumentException if a delay is negative, {@code initialDelay > maxDelay}, or
   *     {@code multiplier} is below 1 or not finite
   */
  public RetryPolicyBuilder backoff(Duration initialDelay, Duration maxDelay, double multiplier) {
    long initial = Objects.requireNonNull(initialDelay, "initialDelay").toMillis();
    long max = Objects.requireNonNull(maxDelay, "maxDelay").toMillis();
    check(RetryBounds.delay("initialDelay", initial, initial + " ms"));
    check(RetryBounds.delay("maxDelay", max, max + " ms"));
    check(RetryBounds.delayOrder("initialDelay", initial, "maxDelay", max, " ms"));
    check(RetryBounds.multiplier(multiplier));
    this.initialDelay = initialDelay;
    this.maxDelay = maxDelay;
    this.multiplier = multiplier;
    return this;
  }

  /**
   * Sets how waits are randomised.
   *
   * @throws NullPointerException if {@code jitter} is null
   */
  public RetryPolicyBuilder jitter(Jitter jitter) {
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    return this;
  }

  /**
   * Sets a deadline over all attempts and waits, measured from the call's start; the engine never
   * waits past it.
   *
   * @throws NullPointerException if {@code maxElapsed} is null
   * @throws IllegalArgumentException if {@code maxElapsed} is zero or negative
   */
  public RetryPolicyBuilder maxElapsed(Duration maxElapsed) {
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    if (maxElapsed.isZero() || maxElapsed.isNegative()) {
      throw new IllegalArgumentException(
          "maxElapsed must be > 0, was "
              + maxElapsed.toMillis()
              + " ms; call noDeadline() for no deadline");
    }
    this.maxElapsed = maxElapsed;
    return this;
  }

  /**
   * Sets the longest wait the server may ask for ({@code retry-after}) that a call of this policy
   * sits out; a longer request fails the call at once with the server's exception. By default the
   * engine's bound ({@link RetryEngineBuilder#maxServerWait}, 2 minutes) applies.
   *
   * @throws NullPointerException if {@code maxServerWait} is null
   * @throws IllegalArgumentException if {@code maxServerWait} is zero or negative
   */
  public RetryPolicyBuilder maxServerWait(Duration maxServerWait) {
    Objects.requireNonNull(maxServerWait, "maxServerWait");
    if (maxServerWait.isZero() || maxServerWait.isNegative()) {
      throw new IllegalArgumentException(
          "maxServerWait must be > 0, was "
              + maxServerWait.toMillis()
              + " ms; leave it unset for the engine's bound");
    }
    this.maxServerWait = maxServerWait;
    return this;
  }

  /**
   * Lets a call move on, when what it calls is overloaded (529, {@code OVERLOADED}), to the next of
   * {@code count} fallbacks (other models: the call's attempt is told which to use, see {@link
   * RetryEngine#executeWithFallbacks}): once that one's overload retries are spent, or at its first
   * overload when {@code atOnce}. Each fallback gets up to {@code maxAttempts} attempts, within the
   * same deadline; each move counts against the retry budget as a retry. Nothing but overload moves
   * a call: an invalid request, an authentication failure or a rate limit never does.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public RetryPolicyBuilder fallbacks(int count, boolean atOnce) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "fallbacks is " + count + " but must not be negative; 0 for none");
    }
    this.fallbacks = count;
    this.fallbackAtOnce = atOnce;
    return this;
  }

  /** Removes the deadline: a call may take as long as its attempts and waits take. */
  public RetryPolicyBuilder noDeadline() {
    this.maxElapsed = null;
    return this;
  }

  /** Returns a policy with these settings; later changes to this builder do not affect it. */
  public RetryPolicy build() {
    return new RetryPolicy(this);
  }

  /**
   * Throws a problem the shared bounds found; the same words as the rule set's for
   * {@code @RetryOn}.
   */
  private static void check(String problem) {
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
