package dev.declaude.internal.ratelimit;

import dev.declaude.ratelimit.RateLimitState;
import java.time.Duration;
import java.util.Arrays;

/**
 * A retry budget's counts: first attempts and retries in ten buckets that slide over its window.
 * The domain's state, so every client of the domain (and of the fleet, with a shared store) spends
 * one budget. Immutable: a change returns new counts.
 */
public final class BudgetCounts {
  static final int BUCKETS = 10;
  private static final String FORMAT = "b1";

  private final long bucketMillis;
  private final long[] epochs;
  private final long[] firsts;
  private final long[] retries;

  private BudgetCounts(long bucketMillis, long[] epochs, long[] firsts, long[] retries) {
    this.bucketMillis = bucketMillis;
    this.epochs = epochs;
    this.firsts = firsts;
    this.retries = retries;
  }

  /**
   * Returns the state of the counts of a budget over {@code windowMillis} (at least {@value
   * #BUCKETS} ms).
   */
  public static RateLimitState<BudgetCounts> state(long windowMillis) {
    return new CountsState(windowMillis);
  }

  /** Returns empty counts over {@code windowMillis}. */
  public static BudgetCounts empty(long windowMillis) {
    long[] epochs = new long[BUCKETS];
    Arrays.fill(epochs, Long.MIN_VALUE);
    return new BudgetCounts(
        Math.max(1, windowMillis / BUCKETS), epochs, new long[BUCKETS], new long[BUCKETS]);
  }

  /** Returns the counts with one more first attempt at {@code now}. */
  public BudgetCounts withFirstAttempt(long now) {
    BudgetCounts next = copyAt(now);
    next.firsts[index(now)]++;
    return next;
  }

  /**
   * Returns the counts with one more retry at {@code now} if a budget of {@code percent}% of first
   * attempts plus a floor of {@code floorHundredths} hundredths of a retry allows it, else these
   * counts themselves.
   */
  public BudgetCounts withRetryIfAllowed(long now, int percent, long floorHundredths) {
    long epoch = Math.floorDiv(now, bucketMillis);
    long firstsNow = 0;
    long retriesNow = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (epochs[i] > epoch - BUCKETS && epochs[i] <= epoch) {
        firstsNow += firsts[i];
        retriesNow += retries[i];
      }
    }
    // Integer arithmetic in hundredths, so 20 % of 100 is exactly 20 retries.
    if (retriesNow * 100 >= percent * firstsNow + floorHundredths) {
      return this;
    }
    BudgetCounts next = copyAt(now);
    next.retries[index(now)]++;
    return next;
  }

  /** Returns a copy whose bucket for {@code now} is current (emptied if it held an older epoch). */
  private BudgetCounts copyAt(long now) {
    BudgetCounts next =
        new BudgetCounts(bucketMillis, epochs.clone(), firsts.clone(), retries.clone());
    long epoch = Math.floorDiv(now, bucketMillis);
    int i = index(now);
    if (next.epochs[i] != epoch) {
      next.epochs[i] = epoch;
      next.firsts[i] = 0;
      next.retries[i] = 0;
    }
    return next;
  }

  private int index(long now) {
    return (int) Math.floorMod(Math.floorDiv(now, bucketMillis), (long) BUCKETS);
  }

  private static final class CountsState
      implements RateLimitState<BudgetCounts>, TimeShift<BudgetCounts> {
    private final long windowMillis;

    CountsState(long windowMillis) {
      this.windowMillis = windowMillis;
    }

    @Override
    public String name() {
      return "budget." + windowMillis;
    }

    @Override
    public BudgetCounts initial() {
      return empty(windowMillis);
    }

    @Override
    public Duration idleExpiry() {
      // Counts older than the window no longer count.
      return Duration.ofMillis(2 * windowMillis);
    }

    @Override
    public BudgetCounts shifted(BudgetCounts value, long deltaMillis) {
      // Buckets are whole epochs: counts move to the epoch their instants fall in on the other
      // clock.
      BudgetCounts moved = empty(windowMillis);
      for (int i = 0; i < BUCKETS; i++) {
        if (value.epochs[i] != Long.MIN_VALUE) {
          long at = value.epochs[i] * value.bucketMillis + deltaMillis;
          int j = moved.index(at);
          moved.epochs[j] = Math.floorDiv(at, moved.bucketMillis);
          moved.firsts[j] += value.firsts[i];
          moved.retries[j] += value.retries[i];
        }
      }
      return moved;
    }

    @Override
    public String encode(BudgetCounts c) {
      StringBuilder text = new StringBuilder(FORMAT).append(' ').append(c.bucketMillis);
      for (int i = 0; i < BUCKETS; i++) {
        text.append(' ')
            .append(c.epochs[i])
            .append(' ')
            .append(c.firsts[i])
            .append(' ')
            .append(c.retries[i]);
      }
      return text.toString();
    }

    @Override
    public BudgetCounts decode(String text) {
      String[] f = text.split(" ");
      if (f.length != 2 + 3 * BUCKETS || !f[0].equals(FORMAT)) {
        throw new IllegalArgumentException("not budget counts of format " + FORMAT);
      }
      try {
        BudgetCounts c = empty(windowMillis);
        if (Long.parseLong(f[1]) != c.bucketMillis) {
          throw new IllegalArgumentException("budget counts of another window");
        }
        for (int i = 0; i < BUCKETS; i++) {
          c.epochs[i] = Long.parseLong(f[2 + 3 * i]);
          c.firsts[i] = Long.parseLong(f[3 + 3 * i]);
          c.retries[i] = Long.parseLong(f[4 + 3 * i]);
        }
        return c;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unreadable budget counts", e);
      }
    }
  }
}
