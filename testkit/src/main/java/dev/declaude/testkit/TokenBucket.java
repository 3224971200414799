package dev.declaude.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code capacity} tokens at most, refilled continuously at {@code perSecond}, as
 * the API describes its own limiter (claude-api.md §2.4). The simulator keeps one of requests and
 * one each of input and output tokens. Reads time only from its clock. Thread-safe.
 */
final class TokenBucket {
  // Absorbs floating-point dust, so exactly one period of refill always buys one token.
  private static final double EPSILON = 1e-9;

  private final double perSecond;
  private final double capacity;
  private final Clock clock;
  private double tokens;
  private Instant last;

  TokenBucket(double perSecond, double capacity, Clock clock) {
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.clock = clock;
    this.tokens = capacity;
    this.last = clock.instant();
  }

  /**
   * What one request was told about this bucket: whether it may go on, the whole tokens left (after
   * its take, if granted), when the bucket is full again, and when it will hold what the request
   * needs ({@code null} when the need is larger than the bucket: it never will).
   */
  record Permit(boolean granted, long remaining, Instant now, Instant fullAt, Duration retryIn) {}

  /** Takes one token if there is one; the requests bucket's check. */
  Permit tryAcquire() {
    return tryTake(1);
  }

  /**
   * Takes {@code amount} tokens if the bucket holds that many, and reports its state after that.
   */
  synchronized Permit tryTake(double amount) {
    Permit check = check(amount);
    if (check.granted()) {
      tokens = Math.max(0, tokens - amount);
      return state(true, check.now(), Duration.ZERO);
    }
    return check;
  }

  /** Reports whether {@code amount} tokens could be taken now, without taking them. */
  synchronized Permit check(double amount) {
    Instant now = refill();
    boolean granted = tokens >= amount - EPSILON;
    Duration retryIn;
    if (granted) {
      retryIn = Duration.ZERO;
    } else if (amount > capacity + EPSILON) {
      retryIn = null;
    } else {
      retryIn = secondsToNanos((amount - tokens) / perSecond);
    }
    return state(granted, now, retryIn);
  }

  /**
   * Puts {@code amount} tokens back, up to the capacity: what a request reserved and did not use.
   */
  synchronized void giveBack(double amount) {
    refill();
    tokens = Math.min(capacity, tokens + amount);
  }

  /** Fills the bucket to its capacity. */
  synchronized void fill() {
    tokens = capacity;
    last = clock.instant();
  }

  /** Returns the tokens per second this bucket refills. */
  double perSecond() {
    return perSecond;
  }

  /** Returns the refill per minute, rounded: the limit the API reports (RPM, ITPM, OTPM). */
  long perMinute() {
    return Math.round(perSecond * 60);
  }

  /** Returns the most tokens the bucket holds. */
  double capacity() {
    return capacity;
  }

  private Permit state(boolean granted, Instant now, Duration retryIn) {
    Instant fullAt = now.plus(secondsToNanos((capacity - tokens) / perSecond));
    return new Permit(granted, (long) Math.floor(tokens + EPSILON), now, fullAt, retryIn);
  }

  private Instant refill() {
    Instant now = clock.instant();
    // A clock set backwards refills nothing rather than draining the bucket.
    if (now.isAfter(last)) {
      double elapsed = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + elapsed * perSecond);
      last = now;
    }
    return now;
  }

  private static Duration secondsToNanos(double seconds) {
    return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
  }
}
