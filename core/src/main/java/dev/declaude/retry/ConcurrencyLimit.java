package dev.declaude.retry;

/**
 * How many requests the client keeps in flight once the server has shown it is at capacity. A 529
 * {@code overloaded_error} that arrives while {@code n} other requests of ours are being served
 * says the server had room for those {@code n} and not this one: the limit drops to {@code n} (at
 * least 1). Each run of {@link #PROBE_ROUNDS} rounds of successes ({@code PROBE_ROUNDS × limit})
 * raises it by one, so the client finds capacity that comes back while spending at most one refused
 * request per ten rounds on looking. Until the first 529 there is no limit: pacing by concurrency
 * starts only when the server says it is overloaded.
 *
 * <p>Only a server that is serving says anything about its capacity. A 529 while nothing has
 * succeeded for {@link Recovery#OUTAGE_MILLIS} is an outage, not a full server, and leaves the
 * limit alone; the first success after such an outage lifts the limit, since the server that comes
 * back may be a bigger one, and the limit may fall again only after {@link #SERVING_SUCCESSES}
 * successes: the 529s of requests sent during the outage, answered just after it, say nothing about
 * the server that is back.
 *
 * <p>Without it, callers refused by an overloaded server come back after their backoffs into the
 * same full server, again and again; with it, they wait their turn in the pacer's queue and no
 * request is spent on a refusal the client could foresee.
 *
 * <p>Not thread-safe: the pacer guards it.
 */
final class ConcurrencyLimit {
  /** Rounds of successes at the limit before trying one request more. */
  static final int PROBE_ROUNDS = 10;

  /** Successes after an outage before a 529 counts as a full server again. */
  static final int SERVING_SUCCESSES = 5;

  private int limit = Integer.MAX_VALUE;
  private int successes;
  private long lastSuccessAt = Long.MIN_VALUE;
  private int successesSinceOutage;

  /** Returns whether another request may go while {@code busy} are in flight. */
  boolean admits(int busy) {
    return busy < limit;
  }

  /**
   * Learns from a response's status, received at {@code now} while {@code others} others were in
   * flight.
   */
  void report(int status, int others, long now) {
    boolean serving =
        lastSuccessAt != Long.MIN_VALUE && now - lastSuccessAt <= Recovery.OUTAGE_MILLIS;
    if (status == 529) {
      if (serving && successesSinceOutage >= SERVING_SUCCESSES) {
        limit = Math.max(1, Math.min(limit, others));
        successes = 0;
      }
      return;
    }
    if (status / 100 != 2) {
      return;
    }
    if (!serving) {
      limit = Integer.MAX_VALUE;
      successesSinceOutage = 0;
    } else if (limit != Integer.MAX_VALUE && ++successes >= PROBE_ROUNDS * limit) {
      limit++;
      successes = 0;
    }
    lastSuccessAt = now;
    successesSinceOutage++;
  }

  @Override
  public String toString() {
    return limit == Integer.MAX_VALUE ? "unlimited" : String.valueOf(limit);
  }
}
