package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.ClaudeException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Says which failures a call retries, how many attempts it makes, how long it waits between them
 * and how long it may take in all. Made by {@link #builder()}, or declared with {@code @RetryOn} on
 * a service or a woven method (declaude reads and checks the annotation); run by {@link
 * RetryEngine}.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *     .retryOn(ErrorKind.RATE_LIMIT, ErrorKind.SERVER)
 *     .maxAttempts(4)
 *     .backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 2.0)
 *     .build();
 * }</pre>
 *
 * <p>The wait before retry n (n = 1, 2, ...) is {@code min(maxDelay, initialDelay ×
 * multiplier^(n-1))}, then jittered; the engine lets a server's {@code retry-after} raise it.
 *
 * <p>Immutable and thread-safe: one policy may serve any number of concurrent calls.
 */
public final class RetryPolicy {
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final Set<ErrorKind> kinds;
  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final Jitter jitter;
  private final Duration maxElapsed;
  private final Duration maxServerWait;
  private final int fallbacks;
  private final boolean fallbackAtOnce;

  RetryPolicy(RetryPolicyBuilder b) {
    this.kinds =
        Collections.unmodifiableSet(
            b.kinds.isEmpty() ? EnumSet.noneOf(ErrorKind.class) : EnumSet.copyOf(b.kinds));
    this.maxAttempts = b.maxAttempts;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.maxElapsed = b.maxElapsed;
    this.maxServerWait = b.maxServerWait;
    this.fallbacks = b.fallbacks;
    this.fallbackAtOnce = b.fallbackAtOnce;
  }

  /**
   * Returns a builder with the defaults of {@link RetryOn}: no kinds, 3 attempts, 0.5 s to 8 s, ×2,
   * full jitter.
   */
  public static RetryPolicyBuilder builder() {
    return new RetryPolicyBuilder();
  }

  /**
   * Returns a builder holding this policy's settings, to build a policy that differs in some of
   * them.
   */
  public RetryPolicyBuilder toBuilder() {
    RetryPolicyBuilder b =
        builder()
            .maxAttempts(maxAttempts)
            .backoff(initialDelay, maxDelay, multiplier)
            .jitter(jitter)
            .fallbacks(fallbacks, fallbackAtOnce);
    b.kinds.addAll(kinds);
    b.maxElapsed = maxElapsed;
    b.maxServerWait = maxServerWait;
    return b;
  }

  /** Returns the policy of a call that is never retried: one attempt, no kinds, no deadline. */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Returns this policy with a single attempt and no fallback: the one a call inside another call's
   * attempt makes, since the outer call's loop does the retrying.
   */
  RetryPolicy onlyOnce() {
    if (maxAttempts == 1 && fallbacks == 0) {
      return this;
    }
    return toBuilder().maxAttempts(1).fallbacks(0, false).build();
  }

  /**
   * Returns whether this policy retries a failure of {@code kind}: whether {@code kind} is one of
   * the listed kinds or nested inside one ({@code SERVER} covers {@code OVERLOADED}).
   */
  public boolean retriesKind(ErrorKind kind) {
    for (ErrorKind listed : kinds) {
      if (kind.isWithin(listed)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether this policy would retry {@code failure} if attempts, deadline and budget allow:
   * its kind is retried ({@link #retriesKind}) and the server did not send {@code x-should-retry:
   * false}.
   *
   * <p>{@code x-should-retry: true} does not make an unlisted kind retryable: the kinds are the
   * caller's contract (a method that lists only {@code RATE_LIMIT} must not resend on a 400), and
   * the official SDKs' "retry whatever the header says" would retry even a 200 or a 400.
   */
  public boolean retries(ClaudeException failure) {
    return retriesKind(failure.kind()) && !RetrySignals.serverForbidsRetry(failure);
  }

  /**
   * Returns the un-jittered wait before retry {@code retry}: {@code min(maxDelay, initialDelay ×
   * multiplier^(retry-1))}.
   *
   * @throws IllegalArgumentException if {@code retry < 1}
   */
  public Duration backoffBefore(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1 (the first retry is 1), was " + retry);
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
    // Past maxDelay (or past what a double holds) the cap applies.
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }

  /** Returns the kinds listed; kinds nested in them are retried too. */
  public Set<ErrorKind> kinds() {
    return kinds;
  }

  /** Returns how many attempts a call may make, the first included; at least 1. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the wait before the first retry, before jitter. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** Returns the longest backoff wait, before jitter; a {@code retry-after} may ask for more. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Returns how much each wait grows; at least 1. */
  public double multiplier() {
    return multiplier;
  }

  /** Returns how waits are randomised. */
  public Jitter jitter() {
    return jitter;
  }

  /** Returns the deadline over all attempts and waits, measured from the call's start, if any. */
  public Optional<Duration> maxElapsed() {
    return Optional.ofNullable(maxElapsed);
  }

  /**
   * Returns the longest server-requested wait a call of this policy sits out, if the policy sets
   * one; else the engine's bound applies.
   */
  public Optional<Duration> maxServerWait() {
    return Optional.ofNullable(maxServerWait);
  }

  /**
   * Returns how many fallbacks a call may move to, one after another, when what it calls is
   * overloaded; 0 for none. Each gets up to {@link #maxAttempts()} attempts.
   */
  public int fallbacks() {
    return fallbacks;
  }

  /**
   * Returns whether the first overload moves a call to its next fallback at once, without retrying.
   */
  public boolean fallbackAtOnce() {
    return fallbackAtOnce;
  }

  /** Returns this policy without fallbacks: for an attempt that cannot choose what it calls. */
  RetryPolicy withoutFallbacks() {
    if (fallbacks == 0) {
      return this;
    }
    return toBuilder().fallbacks(0, false).build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RetryPolicy)) {
      return false;
    }
    RetryPolicy p = (RetryPolicy) o;
    return kinds.equals(p.kinds)
        && maxAttempts == p.maxAttempts
        && initialDelay.equals(p.initialDelay)
        && maxDelay.equals(p.maxDelay)
        && Double.compare(multiplier, p.multiplier) == 0
        && jitter == p.jitter
        && Objects.equals(maxElapsed, p.maxElapsed)
        && Objects.equals(maxServerWait, p.maxServerWait)
        && fallbacks == p.fallbacks
        && fallbackAtOnce == p.fallbackAtOnce;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kinds,
        maxAttempts,
        initialDelay,
        maxDelay,
        multiplier,
        jitter,
        maxElapsed,
        maxServerWait,
        fallbacks,
        fallbackAtOnce);
  }

  @Override
  public String toString() {
    return "RetryPolicy{kinds="
        + kinds
        + ", maxAttempts="
        + maxAttempts
        + ", initialDelay="
        + initialDelay.toMillis()
        + "ms, maxDelay="
        + maxDelay.toMillis()
        + "ms, multiplier="
        + multiplier
        + ", jitter="
        + jitter
        + ", maxElapsed="
        + (maxElapsed == null ? "none" : maxElapsed.toMillis() + "ms")
        + (maxServerWait == null ? "" : ", maxServerWait=" + maxServerWait.toMillis() + "ms")
        + (fallbacks == 0 ? "" : ", fallbacks=" + fallbacks + (fallbackAtOnce ? " at once" : ""))
        + '}';
  }
}
