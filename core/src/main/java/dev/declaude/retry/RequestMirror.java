package dev.declaude.retry;

/**
 * This client's copy of the API's requests bucket, learned from {@code anthropic-ratelimit-requests-*}
 * headers: it refills continuously (the API's buckets do, claude-api.md §2.4), holds at most the largest
 * room ever reported, and loses one token per request this client releases. The {@link Pacer} releases a
 * request only when the copy has a token for it.
 *
 * <p>The refill rate reads the three headers together. The API documents {@code -limit} as requests per
 * minute, so the bucket refills at least {@code limit / 60 s}; and since it is full again at {@code -reset},
 * it refills at least {@code (size - remaining) / (reset - now)}, where the size is the limit or, when the
 * limit is enforced over a shorter interval (60 RPM as one a second, claude-api.md §2.4), the largest room
 * ever reported. The faster of the two wins: a gateway that reports its burst size as {@code -limit}, with
 * a reset a fraction of a second away, is read as the fast bucket it is, not as a handful of requests a
 * minute; and a 60 RPM limit enforced per second is not taken for 60 requests a second.
 *
 * <p>Kept as a GCRA "empty at" instant rather than a token count: the bucket holds {@code (t - emptyAt) ×
 * rate} tokens at {@code t} (at most the capacity), so a release reserved in the future simply moves the
 * instant on by one request's refill time, and FIFO reservations need no queue.
 *
 * <p>Reports correct the copy only where they prove it wrong. A response's {@code remaining} is what the
 * server had when it counted that request; requests of ours still in flight may not be counted yet, so the
 * server has at least {@code remaining - othersInFlight} now: a copy below that is raised to it (the limit
 * was raised, another client stopped). A 429 with no requests remaining proves the server had no token:
 * the copy is lowered to {@code -othersInFlight} if above it. A 2xx never lowers the copy, because
 * {@code remaining} is floored and often stale (counted when the request started, answered seconds later). {@code -reset}, when the
 * server's bucket is full, bounds how long the copy may stay short of full.
 *
 * <p>Not thread-safe: the pacer guards it.
 */
final class RequestMirror {
  /**
   * Tokens kept back when releasing, so that a request reaching the server a little later or earlier than
   * its turn (network and scheduling jitter) still finds a whole token. Sending at exactly the refill rate
   * keeps the server's level where it started, so this reserve is paid once, not per request.
   */
  static final double RESERVE = 0.25;

  private boolean known;
  private double perMilli;
  private double capacity;
  private double emptyAt;

  /** Returns whether a response has reported the requests limit and remaining. */
  boolean known() {
    return known;
  }

  /** Returns the learned spacing between releases at the refill rate, in ms (at least 1). */
  long spacingMillis() {
    return Math.max(1, (long) Math.floor(1 / perMilli));
  }

  /**
   * Learns from a response that reported {@code limit}, {@code remaining} and the bucket full
   * again at {@code fullAt} (monotonic ms, or null), received at {@code now} while {@code othersInFlight}
   * other requests of this client were unanswered.
   */
  void report(long now, long limit, long remaining, Long fullAt, boolean rateLimited, int othersInFlight) {
    double size = Math.min(limit, Math.max(known ? capacity : 0, remaining + 1));
    double rate = refillPerMilli(now, limit, size, remaining, fullAt);
    double lowest = remaining - othersInFlight;
    if (!known) {
      known = true;
      perMilli = rate;
      capacity = Math.max(1, remaining + 1);
      emptyAt = now - lowest / rate;
    } else {
      // Keep the copy's level while the rate changes, so a new limit does not invent or erase tokens.
      double level = tokensAt(now);
      perMilli = rate;
      capacity = Math.max(capacity, remaining + 1);
      emptyAt = now - level / rate;
      if (rateLimited && remaining < 1) {
        // The server had no request left for this one: ours in flight will find none either.
        emptyAt = Math.max(emptyAt, now + othersInFlight / rate);
      } else if (lowest > level) {
        emptyAt = now - lowest / rate;
      }
    }
    if (fullAt != null) {
      // "-reset" is when the server's bucket is full again: by then the copy holds its capacity, less
      // our requests the server had not counted yet (a 60 RPM limit enforced per second is full soon).
      emptyAt = Math.min(emptyAt, fullAt - (capacity - othersInFlight) / rate);
    }
  }

  private static double refillPerMilli(long now, long limit, double size, long remaining, Long fullAt) {
    double perMinute = limit / 60_000.0;
    if (fullAt == null || fullAt <= now || remaining >= size) {
      return perMinute;
    }
    return Math.max(perMinute, (size - remaining) / (fullAt - now));
  }

  /** Returns the earliest instant at or after {@code now} when the copy has a token (plus reserve). */
  long readyAt(long now) {
    if (!known) {
      return now;
    }
    double ready = effectiveEmptyAt(now) + need() / perMilli;
    return Math.max(now, (long) Math.ceil(ready));
  }

  /** Takes one token for a release at {@code release} (no earlier than {@link #readyAt}). */
  void take(long release) {
    if (known) {
      emptyAt = effectiveEmptyAt(release) + 1 / perMilli;
    }
  }

  /** Returns the copy's tokens at {@code now} (negative: requests owed to the server). */
  double tokensAt(long now) {
    return known ? (now - effectiveEmptyAt(now)) * perMilli : Double.POSITIVE_INFINITY;
  }

  /** The bucket never holds more than its capacity: time idle beyond a full bucket is not saved up. */
  private double effectiveEmptyAt(long now) {
    return Math.max(emptyAt, now - capacity / perMilli);
  }

  /** A whole token plus the reserve, or the whole bucket when it is too small to keep a reserve. */
  private double need() {
    return Math.min(1 + RESERVE, capacity);
  }
}
