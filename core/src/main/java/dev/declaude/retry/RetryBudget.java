package dev.declaude.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps the retries of every call through one engine to a fraction of recent first attempts, plus a
 * floor, so a failing server is not hammered by every caller's retries at once.
 *
 * <p>Over a sliding window (default 10 s), a retry is allowed while {@code retries < percent% × first
 * attempts + minRetriesPerSecond × window seconds}. The defaults (20 %, 10 per second) follow
 * Finagle's and gRPC's retry budgets: under normal load retries add at most a fifth to the traffic, and
 * the floor lets a lone caller make every attempt its policy declares. A failure refused a retry is
 * thrown at once, with a {@link RetryBudgetExhaustedException} suppressed in it.
 *
 * <p>Thread-safe and lock-free: counts live in ten time buckets of {@link LongAdder}s, replaced as they
 * expire. Concurrent retries may overshoot the cap by at most the number of threads deciding at the same
 * instant, which is harmless for a budget.
 */
public final class RetryBudget {
  private static final int BUCKETS = 10;
  private static final RetryBudget UNLIMITED = new RetryBudget(0, 0, Duration.ofSeconds(10), true);

  private final int percent;
  private final int minRetriesPerSecond;
  private final Duration window;
  private final long bucketMillis;
  private final boolean unlimited;
  private final AtomicReferenceArray<Bucket> ring = new AtomicReferenceArray<>(BUCKETS);

  private RetryBudget(int percent, int minRetriesPerSecond, Duration window, boolean unlimited) {
    this.percent = percent;
    this.minRetriesPerSecond = minRetriesPerSecond;
    this.window = window;
    this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    this.unlimited = unlimited;
  }

  /** Returns a budget with the defaults: 20 % of first attempts, 10 retries per second, over 10 s. */
  public static RetryBudget create() {
    return of(20, 10, Duration.ofSeconds(10));
  }

  /**
   * Returns a budget allowing {@code percent}% of the first attempts of the last {@code window}, plus
   * {@code minRetriesPerSecond} retries per second of it.
   *
   * @throws NullPointerException if {@code window} is null
   * @throws IllegalArgumentException if {@code percent} is negative, {@code minRetriesPerSecond} is
   *     negative, or {@code window} is shorter than 10 ms (one millisecond per bucket)
   */
  public static RetryBudget of(int percent, int minRetriesPerSecond, Duration window) {
    Objects.requireNonNull(window, "window");
    if (percent < 0) {
      throw new IllegalArgumentException("percent must be >= 0, was " + percent);
    }
    if (minRetriesPerSecond < 0) {
      throw new IllegalArgumentException(
          "minRetriesPerSecond must be >= 0 (0 for no floor), was " + minRetriesPerSecond);
    }
    if (window.toMillis() < BUCKETS) {
      throw new IllegalArgumentException(
          "window must be >= " + BUCKETS + " ms (one per bucket), was " + window.toMillis() + " ms");
    }
    return new RetryBudget(percent, minRetriesPerSecond, window, false);
  }

  /** Returns a budget that never refuses a retry: each call's policy alone decides. */
  public static RetryBudget unlimited() {
    return UNLIMITED;
  }

  /** Counts a first attempt made at monotonic time {@code nowMillis}. */
  void recordFirstAttempt(long nowMillis) {
    if (!unlimited) {
      bucket(nowMillis).firsts.increment();
    }
  }

  /** Takes one retry from the budget if it allows one at {@code nowMillis}; returns whether it did. */
  boolean tryRetry(long nowMillis) {
    if (unlimited) {
      return true;
    }
    long epoch = Math.floorDiv(nowMillis, bucketMillis);
    long firsts = 0;
    long retries = 0;
    for (int i = 0; i < BUCKETS; i++) {
      Bucket b = ring.get(i);
      if (b != null && b.epoch > epoch - BUCKETS && b.epoch <= epoch) {
        firsts += b.firsts.sum();
        retries += b.retries.sum();
      }
    }
    // Integer arithmetic in hundredths, so 20 % of 100 is exactly 20 retries.
    long allowedHundredths = percent * firsts + 100L * minRetriesPerSecond * window.toMillis() / 1000;
    if (retries * 100 >= allowedHundredths) {
      return false;
    }
    bucket(nowMillis).retries.increment();
    return true;
  }

  /** Returns a sentence describing the limit, for the note attached to a refused failure. */
  String describe() {
    return percent
        + " % of first attempts plus "
        + minRetriesPerSecond
        + " per second over "
        + window.toMillis()
        + " ms";
  }

  private Bucket bucket(long nowMillis) {
    long epoch = Math.floorDiv(nowMillis, bucketMillis);
    int index = Math.floorMod(epoch, BUCKETS);
    while (true) {
      Bucket b = ring.get(index);
      if (b != null && b.epoch == epoch) {
        return b;
      }
      // An expired (or missing) bucket is replaced; if another thread won the race, use its bucket.
      Bucket fresh = new Bucket(epoch);
      if (ring.compareAndSet(index, b, fresh)) {
        return fresh;
      }
    }
  }

  @Override
  public String toString() {
    return unlimited ? "RetryBudget{unlimited}" : "RetryBudget{" + describe() + '}';
  }

  private static final class Bucket {
    final long epoch;
    final LongAdder firsts = new LongAdder();
    final LongAdder retries = new LongAdder();

    Bucket(long epoch) {
      this.epoch = epoch;
    }
  }
}
