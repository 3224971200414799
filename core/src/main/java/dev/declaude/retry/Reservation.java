package dev.declaude.retry;

import dev.declaude.internal.ratelimit.TokenBuckets;
import java.util.Arrays;

/**
 * What one attempt reserved of the domain's token buckets: its {@link TokenCost}, and each bucket's
 * level right after the reservation (the mark its answer's report is read against; NaN where the
 * bucket took nothing). Made per attempt; guarded by the {@link Pacer}.
 */
final class Reservation {
  private final TokenCost cost;
  private final double[] marks = new double[TokenBuckets.Kind.values().length];
  private long takenAt;
  private boolean taken;
  private TokenCost ahead = TokenCost.NONE;

  /** What the process had sent when this one flew, itself included; null until it flies. */
  private TokenCost sentBefore;

  Reservation(TokenCost cost) {
    this.cost = cost;
    Arrays.fill(marks, Double.NaN);
  }

  TokenCost cost() {
    return cost;
  }

  /** Notes that the buckets took the cost at {@code at}, leaving them as {@code after} shows. */
  void taken(long at, TokenBuckets after, long storeAt) {
    taken = true;
    takenAt = at;
    for (TokenBuckets.Kind k : TokenBuckets.Kind.values()) {
      marks[k.ordinal()] =
          after.known(k) && k.need(cost.inputTokens(), cost.outputTokens()) > 0
              ? after.levelAt(k, storeAt)
              : Double.NaN;
    }
  }

  /**
   * Marks bucket {@code k} as holding this reservation since it was first learned, at {@code
   * level}: the reservation went before the bucket was known, and the bucket was started with it
   * counted in flight.
   */
  void adopt(TokenBuckets.Kind k, double level) {
    if (taken
        && Double.isNaN(marks[k.ordinal()])
        && k.need(cost.inputTokens(), cost.outputTokens()) > 0) {
      marks[k.ordinal()] = level;
    }
  }

  /**
   * Notes what else was in flight when this reservation went: {@code ahead}, the cost of this
   * process's requests not yet answered, and {@code sent}, the cost of all its requests so far,
   * this one included, from which those sent later are told at the report.
   */
  void flewWith(TokenCost ahead, TokenCost sent) {
    this.ahead = ahead;
    this.sentBefore = sent;
  }

  /**
   * Returns the cost of this process's other requests in flight at any moment since this one went,
   * given {@code sent}, the cost of all its requests so far: those ahead of it, and those sent
   * after it.
   */
  TokenCost overlapUntil(TokenCost sent) {
    if (sentBefore == null) {
      return TokenCost.NONE;
    }
    return TokenCost.of(
        ahead.inputTokens() + sent.inputTokens() - sentBefore.inputTokens(),
        ahead.outputTokens() + sent.outputTokens() - sentBefore.outputTokens());
  }

  /** Returns whether this process counts the cost in flight (taken and not yet settled). */
  boolean taken() {
    return taken;
  }

  /** Marks the cost settled: it is no longer in flight. */
  void settled() {
    taken = false;
  }

  /** Returns whether any token bucket took this reservation's cost. */
  boolean marked() {
    for (double m : marks) {
      if (!Double.isNaN(m)) {
        return true;
      }
    }
    return false;
  }

  long takenAt() {
    return takenAt;
  }

  double[] marks() {
    return marks.clone();
  }
}
