package dev.declaude.retry;

import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Holds new attempts until the API's rate limit has room for them, instead of spending them on 429s. Learns
 * from every response's {@code anthropic-ratelimit-*} headers ({@link #onResponse}, fed by the transport
 * for successes and failures, and by the engine for every API failure it sees).
 *
 * <p><b>Requests.</b> Once a response has reported the requests limit (per minute, RPM) and remaining, the
 * pacer keeps a copy of the API's continuously refilling bucket: the reported remaining, refilling at
 * RPM / 60 s, less every request this client releases (see {@code RequestMirror}). A request goes at once
 * while the copy has room (a client with 3,900 of 4,000 left is never slowed); when it runs low, requests
 * are released in arrival order (FIFO) as the copy refills, that is {@code 60 s / RPM} apart, keeping a
 * quarter of a request in hand against network jitter. A 429 that carries these headers corrects the copy
 * (the server had nothing left) rather than freezing every caller for its whole-second {@code
 * retry-after}: that wait stays the engine's least wait for the request that got the 429.
 *
 * <p><b>Without a requests rate.</b> An exhausted limit of unknown size is held until its {@code -reset};
 * an exhausted token limit (tokens, input or output) until its bucket has refilled a request's thousand
 * tokens; a 429 without requests headers holds everyone for its {@code retry-after}. Callers arriving
 * during such a hold are released FIFO one spacing apart ({@link #DEFAULT_SPACING} until an RPM is known).
 * Those windows only grow: a later response reporting room does not reopen them early.
 *
 * <p>A retry-after from a 5xx is not a pacing signal: it is advice for that request, while rate limits
 * are shared by every request of the organization. A pacer that has learned nothing never holds anyone.
 *
 * <p>Thread-safe; short {@code synchronized} blocks guard a few numbers.
 */
public final class Pacer {
  /** Spacing between held callers when the API has not said its requests limit. */
  public static final Duration DEFAULT_SPACING = Duration.ofMillis(20);

  private static final long NEVER = Long.MIN_VALUE / 4;
  // Token remainders are rounded to the nearest thousand, so "0 left" means room for about one request
  // comes back with a thousand tokens.
  private static final long TOKENS_PER_REQUEST = 1_000;

  private final TimeSource time;
  private final RequestMirror requests = new RequestMirror();
  private long openAt = NEVER;
  private long lastRelease = NEVER;
  private int inFlight;

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
   * Learns from what a response said: the requests limit and remaining update the copy of the requests
   * bucket; other exhausted limits, and a 429's {@code retry-after} when the requests headers are missing,
   * close the pacer for a while (see the class doc).
   *
   * @throws NullPointerException if {@code metadata} is null
   */
  public void onResponse(ResponseMetadata metadata) {
    Objects.requireNonNull(metadata, "metadata");
    long now = time.millis();
    Instant wallNow = time.now();
    RateLimits limits = metadata.rateLimits();
    RateLimit req = limits.requests();
    boolean mirrored = req != null && req.limit() != null && req.limit() > 0 && req.remaining() != null;
    boolean rateLimited = metadata.status() == 429;
    long closedUntil = mirrored ? NEVER : now + untilRoomFor(req, 1, wallNow);
    for (RateLimit tokens : new RateLimit[] {limits.tokens(), limits.inputTokens(), limits.outputTokens()}) {
      closedUntil = Math.max(closedUntil, now + untilRoomFor(tokens, TOKENS_PER_REQUEST, wallNow));
    }
    // Only a 429's retry-after speaks for the whole organization; see the class doc.
    if (!mirrored && rateLimited && metadata.retryAfter() != null) {
      closedUntil = Math.max(closedUntil, now + metadata.retryAfter().toMillis());
    }
    synchronized (this) {
      openAt = Math.max(openAt, closedUntil);
      if (mirrored) {
        // The response being reported is still counted in flight; the others may not be counted yet.
        int others = Math.max(0, inFlight - 1);
        Long fullAt = req.reset() == null ? null : now + Duration.between(wallNow, req.reset()).toMillis();
        requests.report(now, req.limit(), req.remaining(), fullAt, rateLimited, others);
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
    long next = lastRelease + spacingMillis();
    long ready = requests.readyAt(nowMillis);
    if (openAt <= nowMillis && next <= nowMillis && ready <= nowMillis) {
      requests.take(nowMillis);
      return 0;
    }
    long release = Math.max(Math.max(nowMillis, ready), Math.max(openAt, next));
    if (release > deadlineMillis) {
      return -1;
    }
    requests.take(release);
    lastRelease = release;
    return release - nowMillis;
  }

  /** Counts a request this client is sending; reports are read against the others still in flight. */
  synchronized void sent() {
    inFlight++;
  }

  /** Counts a request as answered (or failed without an answer). */
  synchronized void answered() {
    inFlight = Math.max(0, inFlight - 1);
  }

  /** Returns the spacing between releases: {@code 60 s / RPM} once known, else {@link #DEFAULT_SPACING}. */
  synchronized long spacingMillis() {
    return requests.known() ? requests.spacingMillis() : DEFAULT_SPACING.toMillis();
  }

  /** Returns the time source this pacer reads; the engine uses the same one for its deadlines. */
  TimeSource time() {
    return time;
  }

  @Override
  public synchronized String toString() {
    long now = time.millis();
    String room = requests.known() ? String.format(Locale.ROOT, ", requests=%.2f", requests.tokensAt(now)) : "";
    return "Pacer{closedFor=" + Math.max(0, openAt - now) + "ms, spacing=" + spacingMillis() + "ms" + room + '}';
  }
}
