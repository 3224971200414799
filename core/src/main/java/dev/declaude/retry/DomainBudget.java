package dev.declaude.retry;

import dev.declaude.internal.ratelimit.BudgetCounts;
import dev.declaude.internal.ratelimit.SharedDomain;
import dev.declaude.ratelimit.RateLimitState;

/**
 * A {@link RetryBudget}'s limits applied to the counts of a rate-limit domain: every client of the
 * domain (in a fleet, with a shared store, every process) spends one budget, so a dead server is
 * not hammered by each client's own allowance. First attempts are counted without waiting; a retry
 * waits for the store's yes or no (at most the store's {@code maxWait()}).
 *
 * <p>Thread-safe.
 */
final class DomainBudget {
  private final RetryBudget budget;
  private final SharedDomain domain;
  private final RateLimitState<BudgetCounts> counts;

  DomainBudget(RetryBudget budget, SharedDomain domain) {
    this.budget = budget;
    this.domain = domain;
    this.counts = BudgetCounts.state(budget.windowMillis());
  }

  /** Counts a first attempt made at {@code now}. */
  void recordFirstAttempt(long now) {
    if (!budget.isUnlimited()) {
      domain.later(counts, now, (c, storeNow) -> c.withFirstAttempt(storeNow), done -> {});
    }
  }

  /**
   * Takes one retry from the domain's budget if it allows one at {@code now}; returns whether it
   * did.
   */
  boolean tryRetry(long now) {
    if (budget.isUnlimited()) {
      return true;
    }
    boolean[] allowed = {false};
    domain.now(
        counts,
        now,
        (c, storeNow) -> {
          BudgetCounts next =
              c.withRetryIfAllowed(storeNow, budget.percent(), budget.floorHundredths());
          allowed[0] = next != c;
          return next;
        });
    return allowed[0];
  }

  /** Returns a sentence describing the limit, for the note attached to a refused failure. */
  String describe() {
    return budget.describe();
  }

  @Override
  public String toString() {
    return budget.toString();
  }
}
