package dev.declaude.retry;

/**
 * How many requests the client keeps in flight once the server has shown it is at capacity. A 529 {@code
 * overloaded_error} that arrives while {@code n} other requests of ours are being served says the server had
 * room for those {@code n} and not this one: the limit drops to {@code n} (at least 1). Each run of {@link
 * #PROBE_ROUNDS} rounds of successes ({@code PROBE_ROUNDS × limit}) raises it by one, so the client finds
 * capacity that comes back while spending at most one refused request per ten rounds on looking. Until the
 * first 529 there is no limit: pacing by concurrency starts only when the server says it is overloaded.
 *
 * <p>Without it, callers refused by an overloaded server come back after their backoffs into the same full
 * server, again and again; with it, they wait their turn in the pacer's queue and no request is spent on
 * a refusal the client could foresee.
 *
 * <p>Not thread-safe: the pacer guards it.
 */
final class ConcurrencyLimit {
  /** Rounds of successes at the limit before trying one request more. */
  static final int PROBE_ROUNDS = 10;

  private int limit = Integer.MAX_VALUE;
  private int successes;

  /** Returns whether another request may go while {@code busy} are in flight. */
  boolean admits(int busy) {
    return busy < limit;
  }

  /** Learns from a response's status, received while {@code others} other requests were in flight. */
  void report(int status, int others) {
    if (status == 529) {
      limit = Math.max(1, Math.min(limit, others));
      successes = 0;
    } else if (status / 100 == 2 && limit != Integer.MAX_VALUE && ++successes >= PROBE_ROUNDS * limit) {
      limit++;
      successes = 0;
    }
  }

  @Override
  public String toString() {
    return limit == Integer.MAX_VALUE ? "unlimited" : String.valueOf(limit);
  }
}
