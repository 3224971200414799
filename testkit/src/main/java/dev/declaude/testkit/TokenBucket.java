package dev.declaude.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of requests: {@code burst} at most, refilled continuously at {@code perSecond}, as the API
 * describes its own limiter (claude-api.md §2.4). Reads time only from its clock. Thread-safe.
 */
final class TokenBucket {
  private final double perSecond;
  private final int burst;
  private final Clock clock;
  private double tokens;
  private Instant last;

  TokenBucket(double perSecond, int burst, Clock clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
    this.tokens = burst;
    this.last = clock.instant();
  }

  /**
   * What one request was told: whether it may go on, the limit in requests per minute (the API reports its
   * RPM, not the bucket's burst), the whole requests that could be sent right now, when the bucket is full
   * again, and when to come back.
   */
  record Permit(boolean granted, long perMinute, int remaining, Instant now, Instant fullAt, Duration retryIn) {}

  /** Takes one token if there is one, and reports the bucket's state after that. */
  synchronized Permit tryAcquire() {
    Instant now = refill();
    // The epsilon absorbs floating-point dust, so exactly one period of refill always buys one request.
    boolean granted = tokens >= 1 - 1e-9;
    if (granted) {
      tokens = Math.max(0, tokens - 1);
    }
    Duration retryIn = granted ? Duration.ZERO : secondsToNanos((1 - tokens) / perSecond);
    Instant fullAt = now.plus(secondsToNanos((burst - tokens) / perSecond));
    long perMinute = Math.round(perSecond * 60);
    return new Permit(granted, perMinute, (int) Math.floor(tokens + 1e-9), now, fullAt, retryIn);
  }

  /** Fills the bucket to {@code burst}. */
  synchronized void fill() {
    tokens = burst;
    last = clock.instant();
  }

  /** Returns the requests per second this bucket allows. */
  double perSecond() {
    return perSecond;
  }

  private Instant refill() {
    Instant now = clock.instant();
    // A clock set backwards refills nothing rather than draining the bucket.
    if (now.isAfter(last)) {
      double elapsed = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + elapsed * perSecond);
      last = now;
    }
    return now;
  }

  private static Duration secondsToNanos(double seconds) {
    return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
  }
}
