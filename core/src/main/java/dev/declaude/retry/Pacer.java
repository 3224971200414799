package dev.declaude.retry;

import dev.declaude.internal.TimeMath;
import dev.declaude.internal.ratelimit.BucketMirror;
import dev.declaude.internal.ratelimit.SharedDomain;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds new attempts until the API's rate limit has room for them, instead of spending them on
 * 429s. Learns from every response's {@code anthropic-ratelimit-*} headers ({@link #onResponse},
 * fed by the transport for successes and failures, and by the engine for every API failure it
 * sees).
 *
 * <p><b>Requests.</b> Once a response has reported the requests limit and remaining, the pacer
 * keeps a copy of the API's continuously refilling bucket (see {@code RequestMirror}): the reported
 * remaining, refilling at the rate the three headers imply together, less every request this client
 * releases. A request goes at once while the copy has room (a client with 3,900 of 4,000 left is
 * never slowed); when it runs low, requests are released in arrival order (FIFO) as the copy
 * refills, keeping a quarter of a request in hand against network jitter. A 429 that carries these
 * headers corrects the copy (the server had nothing left) rather than freezing every caller for its
 * whole-second {@code retry-after}: that wait stays the engine's least wait for the request that
 * got the 429.
 *
 * <p><b>Without a requests rate.</b> An exhausted limit of unknown size is held until its {@code
 * -reset}; an exhausted token limit (tokens, input or output) until its bucket has refilled a
 * request's thousand tokens. Callers arriving during such a hold are released FIFO one spacing
 * apart ({@link #DEFAULT_SPACING} until a rate is known). A later success, or any response that
 * shows room and is not a 429, reopens such a hold. A 429 that says nothing but its {@code
 * retry-after} holds only the request that got it (the engine's least wait): with no rate to
 * release the others at, holding everyone for it would lower throughput below what no pacing at all
 * achieves.
 *
 * <p><b>The server is not trusted.</b> A wait a response asks for beyond {@code maxServerWait} (the
 * engine's bound, 2 minutes by default) is not credible and teaches the pacer nothing; no caller is
 * ever held longer than that bound, whatever the headers said. Pacing may only ever spare requests
 * that would have been refused; switched off ({@link #off}) the pacer never holds anyone.
 *
 * <p>A retry-after from a 5xx is not a pacing signal: it is advice for that request, while rate
 * limits are shared by every request of the organization. A pacer that has learned nothing never
 * holds anyone.
 *
 * <p><b>One bucket per domain.</b> The copy of the requests bucket is the rate-limit domain's
 * state, kept in its store ({@link SharedDomain}): every client of the domain, in this process or,
 * with a shared store, in a fleet, spends the same copy. A request goes only once the store has
 * taken its share from the copy, so clients never spend one share twice; a caller the store turns
 * away (another client took the room first) waits for the next. The queue of held callers, the
 * closed periods and the concurrency limit are this process's own.
 *
 * <p>Thread-safe; short {@code synchronized} blocks guard a few numbers, and no lock is held while
 * the store answers.
 */
final class Pacer {
  /** Spacing between held callers when the API has not said its requests limit. */
  static final Duration DEFAULT_SPACING = Duration.ofMillis(20);

  /** The default bound on what a response may make the pacer hold: two minutes. */
  static final Duration DEFAULT_MAX_SERVER_WAIT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);
  private static final long NEVER = Long.MIN_VALUE / 4;
  // Token remainders are rounded to the nearest thousand, so "0 left" means room for about one
  // request
  // comes back with a thousand tokens.
  private static final long TOKENS_PER_REQUEST = 1_000;
  private static final RateLimitState<BucketMirror> REQUESTS = BucketMirror.state("requests");

  private final TimeSource time;
  private final long maxServerWaitMillis;
  private final boolean enabled;
  private final SharedDomain domain;

  /**
   * The store's copy of the requests bucket as last seen, on this process's clock; replaced, never
   * changed.
   */
  private BucketMirror requests = new BucketMirror();

  private final Deque<PacingHold> held = new ArrayDeque<>();
  private long openAt = NEVER;
  private long lastRelease = NEVER;
  private int inFlight;

  /**
   * When this process's requests still in flight were let go, oldest first (answers come mostly in
   * order).
   */
  private final Deque<Long> sentAt = new ArrayDeque<>();

  /**
   * Tells this pacer's requests apart from other processes' in the domain's log of requests sent.
   */
  private final int sender = new SecureRandom().nextInt();

  private final ConcurrencyLimit concurrency = new ConcurrencyLimit();

  private Pacer(TimeSource time, Duration maxServerWait, boolean enabled, SharedDomain domain) {
    this.time = time;
    this.maxServerWaitMillis = TimeMath.millis(maxServerWait);
    this.enabled = enabled;
    this.domain = domain;
  }

  /** Returns a pacer on time {@code time} that spends the requests bucket of {@code domain}. */
  static Pacer shared(TimeSource time, SharedDomain domain) {
    return new Pacer(Objects.requireNonNull(time, "time"), DEFAULT_MAX_SERVER_WAIT, true, domain);
  }

  /**
   * Returns a pacer that reads time from {@code time} and believes waits of at most {@code
   * maxServerWait}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code maxServerWait} is zero or negative
   */
  static Pacer create(TimeSource time, Duration maxServerWait) {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(maxServerWait, "maxServerWait");
    if (maxServerWait.isZero() || maxServerWait.isNegative()) {
      throw new IllegalArgumentException("maxServerWait must be > 0, was " + maxServerWait);
    }
    SharedDomain own =
        new SharedDomain(RateLimitDomain.unshared().id(), RateLimitStore.inProcess(), time::millis);
    return new Pacer(time, maxServerWait, true, own);
  }

  /**
   * Returns a pacer that reads time from {@code time}, bounded by {@link #DEFAULT_MAX_SERVER_WAIT}.
   *
   * @throws NullPointerException if {@code time} is null
   */
  static Pacer create(TimeSource time) {
    return create(time, DEFAULT_MAX_SERVER_WAIT);
  }

  /** Returns a pacer on the real clocks. */
  static Pacer create() {
    return create(TimeSource.system());
  }

  /**
   * Returns a pacer that never holds anyone and learns nothing, for clients built with pacing off.
   *
   * @throws NullPointerException if {@code time} is null
   */
  static Pacer off(TimeSource time) {
    return new Pacer(Objects.requireNonNull(time, "time"), DEFAULT_MAX_SERVER_WAIT, false, null);
  }

  /**
   * Learns from what a response said: the requests limit, remaining and reset update the copy of
   * the requests bucket; other exhausted limits close the pacer for a while (see the class doc).
   * Callers held are then planned again, and released sooner when the response shows room sooner.
   *
   * @throws NullPointerException if {@code metadata} is null
   */
  void onResponse(ResponseMetadata metadata) {
    onResponse(metadata, maxServerWaitMillis);
  }

  /** As {@link #onResponse(ResponseMetadata)}, believing waits of at most {@code maxWaitMillis}. */
  void onResponse(ResponseMetadata metadata, long maxWaitMillis) {
    Objects.requireNonNull(metadata, "metadata");
    if (!enabled) {
      return;
    }
    long now = time.millis();
    Instant wallNow = time.now();
    RateLimits limits = metadata.rateLimits();
    RateLimit req = limits.requests();
    boolean mirrored =
        req != null && req.limit() != null && req.limit() > 0 && req.remaining() != null;
    boolean rateLimited = metadata.status() == 429;
    long closedFor = mirrored ? 0 : untilRoomFor(req, 1, wallNow, maxWaitMillis);
    boolean anyExhausted = req != null && req.isExhausted();
    for (RateLimit tokens :
        new RateLimit[] {limits.tokens(), limits.inputTokens(), limits.outputTokens()}) {
      closedFor =
          Math.max(closedFor, untilRoomFor(tokens, TOKENS_PER_REQUEST, wallNow, maxWaitMillis));
      anyExhausted |= tokens != null && tokens.isExhausted();
    }
    boolean showsRoom = metadata.status() / 100 == 2 || (!rateLimited && !anyExhausted);
    Long untilFull = mirrored ? untilFull(req, wallNow, maxWaitMillis) : null;
    int others;
    Long oldestSent;
    synchronized (this) {
      long closedUntil = closedFor > 0 ? now + closedFor : NEVER;
      // A response that shows room reopens a hold earlier responses set; it may still set its own.
      openAt = showsRoom ? closedUntil : Math.max(openAt, closedUntil);
      // The response being reported is still counted in flight; the others may not be counted yet.
      others = Math.max(0, inFlight - 1);
      oldestSent = sentAt.peekFirst();
      concurrency.report(metadata.status(), others, now);
      if (!mirrored) {
        replan(now);
        return;
      }
    }
    long limit = req.limit();
    long remaining = req.remaining();
    domain.later(
        REQUESTS,
        now,
        (mirror, storeNow) ->
            mirror.afterReport(
                storeNow,
                limit,
                remaining,
                untilFull == null ? null : storeNow + untilFull,
                rateLimited,
                others,
                sender,
                oldestSent == null ? Long.MIN_VALUE : oldestSent + storeNow - now),
        answer -> {
          synchronized (this) {
            requests = answer.value().shifted(-answer.offset());
            replan(time.millis());
          }
        });
  }

  /**
   * Returns how long until the requests bucket is full again, in ms, or null if not said or not
   * credible.
   */
  private static Long untilFull(RateLimit req, Instant wallNow, long maxWaitMillis) {
    if (req.reset() == null) {
      return null;
    }
    long untilFull = TimeMath.millisBetween(wallNow, req.reset());
    if (untilFull > maxWaitMillis) {
      LOG.debug(
          "ignoring anthropic-ratelimit-requests-reset {}: beyond maxServerWait", req.reset());
      return null;
    }
    return untilFull;
  }

  /**
   * Returns how long until an exhausted limit has room for {@code units} again, or 0 when it is not
   * exhausted. The API's buckets refill continuously and {@code -reset} is when one is full again
   * (claude-api.md §2.4), so room for one request comes back after {@code (reset - now) × units /
   * limit}, not at {@code reset}: holding until then would idle for up to a minute on a per-minute
   * limit. A limit of unknown size is held until its reset.
   */
  private static long untilRoomFor(
      RateLimit limit, long units, Instant wallNow, long maxWaitMillis) {
    if (limit == null || !limit.isExhausted() || limit.reset() == null) {
      return 0;
    }
    long untilFull = Math.max(0, TimeMath.millisBetween(wallNow, limit.reset()));
    if (limit.limit() == null || limit.limit() <= 0) {
      return credible(untilFull, maxWaitMillis);
    }
    double share = Math.min(1.0, (double) units / limit.limit());
    return credible((long) Math.ceil(untilFull * share), maxWaitMillis);
  }

  /** Returns {@code millis}, or 0 when it is beyond the bound: such a wait teaches nothing. */
  private static long credible(long millis, long maxWaitMillis) {
    if (millis > maxWaitMillis) {
      LOG.debug("ignoring a reset {} ms away: beyond maxServerWait ({} ms)", millis, maxWaitMillis);
      return 0;
    }
    return millis;
  }

  /**
   * Returns {@code null} when the caller may go now (its share is taken), else the hold it must
   * wait out (queued behind the callers already held), or {@link #REFUSED} when its turn would come
   * after {@code deadlineMillis}. No caller is held longer than {@code maxServerWait}.
   */
  PacingHold reserve(long nowMillis, long deadlineMillis) {
    return reserve(nowMillis, deadlineMillis, maxServerWaitMillis);
  }

  /** As {@link #reserve(long, long)}, holding no caller longer than {@code maxWaitMillis}. */
  PacingHold reserve(long nowMillis, long deadlineMillis, long maxWaitMillis) {
    if (!enabled) {
      return null;
    }
    synchronized (this) {
      PacingHold hold = hold(nowMillis, deadlineMillis, maxWaitMillis, false);
      if (hold != null) {
        return hold;
      }
      // Counted in flight from now, so that callers arriving while the store answers see its slot
      // taken.
      inFlight++;
    }
    boolean[] taken = {false};
    SharedDomain.Answer<BucketMirror> answer =
        domain.now(
            REQUESTS,
            nowMillis,
            (mirror, storeNow) -> take(mirror, storeNow, 1 + BucketMirror.RESERVE, false, taken));
    synchronized (this) {
      requests = answer.value().shifted(-answer.offset());
      if (taken[0]) {
        sentAt.addLast(nowMillis);
        return null;
      }
      inFlight--;
      // Another client of the domain took the room first: wait for the next.
      return hold(nowMillis, deadlineMillis, maxWaitMillis, true);
    }
  }

  /**
   * Returns {@code null} when a caller arriving at {@code nowMillis} may go now, else queues and
   * returns its hold (or {@link #REFUSED}); {@code mustWait} queues it even when the copy shows
   * room, because the store just said there is none.
   */
  private PacingHold hold(
      long nowMillis, long deadlineMillis, long maxWaitMillis, boolean mustWait) {
    BucketMirror plan = requests.copy();
    long previous = NEVER;
    for (PacingHold h : held) {
      plan.take(h.due(), 1);
      previous = h.due();
    }
    long latest = TimeMath.plus(nowMillis, maxWaitMillis);
    // Callers held before this one take their slots first.
    boolean slot = concurrency.admits(inFlight + held.size());
    long release = slot ? Math.min(releaseAt(nowMillis, plan, previous), latest) : latest;
    if (release <= nowMillis) {
      if (!mustWait) {
        return null;
      }
      release = nowMillis + 1;
    }
    if (slot && release > deadlineMillis) {
      return REFUSED;
    }
    // A caller waiting for a slot does not know when one frees; it waits at most until its
    // deadline.
    PacingHold hold =
        new PacingHold(nowMillis, Math.min(release, Math.max(deadlineMillis, nowMillis + 1)));
    held.addLast(hold);
    return hold;
  }

  /**
   * Takes one request from {@code mirror} at {@code storeNow} if it holds {@code need}; notes in
   * {@code taken} whether it did. A mirror that knows nothing lets everyone go.
   */
  private BucketMirror take(
      BucketMirror mirror, long storeNow, double need, boolean heldRelease, boolean[] taken) {
    taken[0] = mirror.hasRoom(storeNow, need);
    return taken[0] ? mirror.afterTake(storeNow, 1, heldRelease, sender) : mirror;
  }

  /** The answer of {@link #reserve} when the caller's turn comes after its deadline. */
  static final PacingHold REFUSED = new PacingHold(0, 0);

  /**
   * Returns when the next caller may go: when the copy of the requests bucket has room for it (the
   * copy itself spaces callers one refill apart once it runs dry), after any hold. Without a copy,
   * callers held by a closed pacer leave one {@link #DEFAULT_SPACING} apart rather than all at
   * once.
   */
  private long releaseAt(long now, BucketMirror plan, long previous) {
    long next =
        requests.known() ? NEVER : Math.max(previous, lastRelease) + DEFAULT_SPACING.toMillis();
    return Math.max(Math.max(Math.max(now, plan.readyAt(now, 1)), openAt), next);
  }

  /**
   * Plans every held caller again from what is known now, moving their releases earlier where
   * possible: in arrival order, each as soon as the copy of the bucket has room and a request slot
   * is free.
   */
  private void replan(long now) {
    BucketMirror plan = requests.copy();
    long previous = NEVER;
    int busy = inFlight;
    for (PacingHold h : held) {
      if (!concurrency.admits(busy)) {
        return;
      }
      long release = Math.min(releaseAt(now, plan, previous), h.due());
      h.moveTo(release);
      plan.take(release, 1);
      previous = release;
      busy++;
    }
  }

  /**
   * Lets a held caller whose hold is due go: returns {@code null} once its share is taken from the
   * store, or a new hold, first in the queue, when the store has no room after all (another client
   * of the domain took it, or a response showed the bucket emptier than planned). A hold no longer
   * queued (cancelled) goes.
   */
  PacingHold release(PacingHold hold) {
    synchronized (this) {
      if (!held.contains(hold)) {
        return null;
      }
    }
    long now = time.millis();
    boolean[] taken = {false};
    // A whole request, without the reserve kept when planning: the plan already paid for the
    // jitter.
    SharedDomain.Answer<BucketMirror> answer =
        domain.now(REQUESTS, now, (mirror, storeNow) -> take(mirror, storeNow, 1, true, taken));
    synchronized (this) {
      requests = answer.value().shifted(-answer.offset());
      boolean queued = held.remove(hold);
      if (taken[0]) {
        lastRelease = now;
        inFlight++;
        sentAt.addLast(now);
        return null;
      }
      if (!queued) {
        return null;
      }
      long release =
          Math.max(
              now + 1,
              Math.min(
                  releaseAt(now, requests.copy(), NEVER), TimeMath.plus(now, maxServerWaitMillis)));
      PacingHold next = new PacingHold(now, release);
      held.addFirst(next);
      return next;
    }
  }

  /** Forgets a held caller that gave up (cancelled, interrupted); the others may move up. */
  synchronized void cancel(PacingHold hold) {
    if (held.remove(hold)) {
      replan(time.millis());
    }
  }

  /**
   * Counts a request let go ({@link #reserve} returned {@code null}, or {@link #release}) as
   * answered, failed without an answer, or never sent: its slot frees, and a caller waiting for one
   * may go.
   */
  synchronized void answered() {
    inFlight = Math.max(0, inFlight - 1);
    sentAt.pollFirst();
    if (!held.isEmpty()) {
      replan(time.millis());
    }
  }

  /**
   * Returns the spacing between releases: one refill of the requests bucket once known, else {@link
   * #DEFAULT_SPACING}.
   */
  synchronized long spacingMillis() {
    return requests.known() ? requests.spacingMillis() : DEFAULT_SPACING.toMillis();
  }

  /** Returns the time source this pacer reads; the engine uses the same one for its deadlines. */
  TimeSource time() {
    return time;
  }

  @Override
  public synchronized String toString() {
    if (!enabled) {
      return "Pacer{off}";
    }
    long now = time.millis();
    String room =
        requests.known()
            ? String.format(Locale.ROOT, ", requests=%.2f", requests.levelAt(now))
            : "";
    return "Pacer{closedFor="
        + Math.max(0, openAt - now)
        + "ms, held="
        + held.size()
        + ", spacing="
        + spacingMillis()
        + "ms"
        + room
        + '}';
  }
}
