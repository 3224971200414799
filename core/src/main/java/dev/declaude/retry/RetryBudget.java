package dev.declaude.retry;

import dev.declaude.internal.ratelimit.BudgetCounts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Caps the retries of every call of a rate-limit domain to a fraction of recent first attempts,
 * plus a floor, so a failing server is not hammered by every caller's retries at once. The counts
 * are the domain's: every client of one organisation (in a fleet, with a shared {@code
 * RateLimitStore}, every process) spends one budget; this object says how large it is.
 *
 * <p>Over a sliding window (default 10 s), a retry is allowed while {@code retries < percent% ×
 * first attempts + minRetriesPerSecond × window seconds}. The defaults (20 %, 10 per second) follow
 * Finagle's and gRPC's retry budgets: under normal load retries add at most a fifth to the traffic,
 * and the floor lets a lone caller make every attempt its policy declares. A failure refused a
 * retry is thrown at once, with a {@link RetryBudgetExhaustedException} suppressed in it.
 *
 * <p>Immutable and thread-safe: counts live in ten time buckets that slide over the window, in the
 * domain's store.
 */
public final class RetryBudget {
  private static final int BUCKETS = 10;
  private static final RetryBudget UNLIMITED = new RetryBudget(0, 0, Duration.ofSeconds(10), true);

  private final int percent;
  private final int minRetriesPerSecond;
  private final Duration window;
  private final boolean unlimited;

  /** The counts of a budget used on its own, outside an engine (tests of its arithmetic). */
  private final AtomicReference<BudgetCounts> ownCounts;

  private RetryBudget(int percent, int minRetriesPerSecond, Duration window, boolean unlimited) {
    this.percent = percent;
    this.minRetriesPerSecond = minRetriesPerSecond;
    this.window = window;
    this.unlimited = unlimited;
    this.ownCounts = new AtomicReference<>(BudgetCounts.empty(window.toMillis()));
  }

  /**
   * Returns a budget with the defaults: 20 % of first attempts, 10 retries per second, over 10 s.
   */
  public static RetryBudget create() {
    return of(20, 10, Duration.ofSeconds(10));
  }

  /**
   * Returns a budget allowing {@code percent}% of the first attempts of the last {@code window},
   * plus {@code minRetriesPerSecond} retries per second of it.
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
          "window must be >= "
              + BUCKETS
              + " ms (one per bucket), was "
              + window.toMillis()
              + " ms");
    }
    return new RetryBudget(percent, minRetriesPerSecond, window, false);
  }

  /** Returns a budget that never refuses a retry: each call's policy alone decides. */
  public static RetryBudget unlimited() {
    return UNLIMITED;
  }

  /**
   * Counts a first attempt made at monotonic time {@code nowMillis}, in this budget's own counts.
   */
  void recordFirstAttempt(long nowMillis) {
    if (!unlimited) {
      ownCounts.updateAndGet(c -> c.withFirstAttempt(nowMillis));
    }
  }

  /**
   * Takes one retry from this budget's own counts if it allows one at {@code nowMillis}; returns
   * whether it did.
   */
  boolean tryRetry(long nowMillis) {
    if (unlimited) {
      return true;
    }
    while (true) {
      BudgetCounts before = ownCounts.get();
      BudgetCounts after = before.withRetryIfAllowed(nowMillis, percent, floorHundredths());
      if (after == before) {
        return false;
      }
      if (ownCounts.compareAndSet(before, after)) {
        return true;
      }
    }
  }

  boolean isUnlimited() {
    return unlimited;
  }

  int percent() {
    return percent;
  }

  /**
   * Returns the floor, in hundredths of a retry: {@code minRetriesPerSecond} for each second of the
   * window.
   */
  long floorHundredths() {
    return 100L * minRetriesPerSecond * window.toMillis() / 1000;
  }

  long windowMillis() {
    return window.toMillis();
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

  @Override
  public String toString() {
    return unlimited ? "RetryBudget{unlimited}" : "RetryBudget{" + describe() + '}';
  }
}
