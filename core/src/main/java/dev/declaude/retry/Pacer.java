package dev.declaude.retry;

import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Holds new attempts while the API's rate limit has no room, instead of spending them on 429s. Learns
 * from every response's {@code anthropic-ratelimit-*} headers ({@link #onResponse}, fed by the
 * transport for successes and failures, and by the engine for every API failure it sees).
 *
 * <p>The limit is closed while a family's {@code -remaining} is 0 (requests, tokens, input or output
 * tokens: any of them exhausted makes the next request a 429) until its continuously refilling bucket
 * has room for one more request again, and for a 429's {@code retry-after}. Callers that arrive while it is closed are given release times in
 * arrival order (FIFO), one {@code spacing} apart: {@code 60 s / requests-limit} once the API has said
 * its requests-per-minute limit, else {@link #DEFAULT_SPACING}. So after a window, held callers come
 * back one by one at the learned rate rather than all in the same instant. A pacer that has learned
 * nothing never holds anyone.
 *
 * <p>A retry-after from a 5xx is not a pacing signal: it is advice for that request, while rate limits
 * are shared by every request of the organization. Learned windows only grow: a later response
 * reporting room (often from a request sent before the limit was hit) does not reopen them early.
 *
 * <p>Thread-safe; a short {@code synchronized} block guards three numbers.
 */
public final class Pacer {
  /** Spacing between held callers when the API has not said its requests limit. */
  public static final Duration DEFAULT_SPACING = Duration.ofMillis(20);

  private static final long NEVER = Long.MIN_VALUE / 4;
  // Token remainders are rounded to the nearest thousand, so "0 left" means room for about one request
  // comes back with a thousand tokens.
  private static final long TOKENS_PER_REQUEST = 1_000;

  private final TimeSource time;
  private long openAt = NEVER;
  private long lastRelease = NEVER;
  private long spacingMillis = DEFAULT_SPACING.toMillis();

  private Pacer(TimeSource time) {
    this.time = time;
  }

  /**
   * Returns a pacer that reads time from {@code time}.
   *
   * @throws NullPointerException if {@code time} is null
   */
  public static Pacer create(TimeSource time) {
    return new Pacer(Objects.requireNonNull(time, "time"));
  }

  /** Returns a pacer on the real clocks. */
  public static Pacer create() {
    return create(TimeSource.system());
  }

  /**
   * Learns from what a response said: exhausted limits close the pacer until their reset, a 429's
   * {@code retry-after} closes it for that long, and a requests limit sets the release rate.
   *
   * @throws NullPointerException if {@code metadata} is null
   */
  public void onResponse(ResponseMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    long now = time.millis();
    Instant wallNow = time.now();
    long closedUntil = NEVER;
    RateLimits limits = metadata.rateLimits();
    closedUntil = Math.max(closedUntil, now + untilRoomFor(limits.requests(), 1, wallNow));
    for (RateLimit tokens : new RateLimit[] {limits.tokens(), limits.inputTokens(), limits.outputTokens()}) {
      closedUntil = Math.max(closedUntil, now + untilRoomFor(tokens, TOKENS_PER_REQUEST, wallNow));
    }
    // Only a 429's retry-after speaks for the whole organization; see the class doc.
    if (metadata.status() == 429 && metadata.retryAfter() != null) {
      closedUntil = Math.max(closedUntil, now + metadata.retryAfter().toMillis());
    }
    Long requestsLimit = limits.requests() == null ? null : limits.requests().limit();
    synchronized (this) {
      openAt = Math.max(openAt, closedUntil);
      if (requestsLimit != null && requestsLimit > 0) {
        // Requests limits are per minute (RPM); release at that rate, at least 1 ms apart.
        spacingMillis = Math.max(1, 60_000 / requestsLimit);
      }
    }
  }

  /**
   * Returns how long until an exhausted limit has room for {@code units} again, or {@link #NEVER}-ish
   * (a large negative) when it is not exhausted. The API's buckets refill continuously and {@code -reset}
   * is when one is full again (claude-api.md §2.4), so room for one request comes back after {@code
   * (reset - now) × units / limit}, not at {@code reset}: holding until then would idle for up to a minute
   * on a per-minute limit. A limit of unknown size is held until its reset.
   */
  private static long untilRoomFor(RateLimit limit, long units, Instant wallNow) {
    if (limit == null || !limit.isExhausted() || limit.reset() == null) {
      return NEVER;
    }
    long untilFull = Math.max(0, Duration.between(wallNow, limit.reset()).toMillis());
    if (limit.limit() == null || limit.limit() <= 0) {
      return untilFull;
    }
    double share = Math.min(1.0, (double) units / limit.limit());
    return (long) Math.ceil(untilFull * share);
  }

  /**
   * Reserves the caller's release time and returns how long it must wait from {@code nowMillis}: 0 to go
   * now, or -1 (reserving nothing) when its turn would come after {@code deadlineMillis}.
   */
  synchronized long reserve(long nowMillis, long deadlineMillis) {
    long next = lastRelease + spacingMillis;
    if (openAt <= nowMillis && next <= nowMillis) {
      return 0;
    }
    long release = Math.max(nowMillis, Math.max(openAt, next));
    if (release > deadlineMillis) {
      return -1;
    }
    lastRelease = release;
    return release - nowMillis;
  }

  /** Returns the time source this pacer reads; the engine uses the same one for its deadlines. */
  TimeSource time() {
    return time;
  }

  @Override
  public synchronized String toString() {
    long now = time.millis();
    return "Pacer{closedFor=" + Math.max(0, openAt - now) + "ms, spacing=" + spacingMillis + "ms}";
  }
}
