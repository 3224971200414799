package dev.declaude.retry;

import dev.declaude.internal.TimeMath;
import dev.declaude.internal.ratelimit.BucketMirror;
import dev.declaude.internal.ratelimit.SharedDomain;
import dev.declaude.internal.ratelimit.TokenBuckets;
import dev.declaude.internal.ratelimit.TokenReport;
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
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
 * <p><b>Tokens.</b> Once a response has reported a token limit's size (input tokens, output tokens,
 * the combined tokens limit), the pacer keeps a copy of that bucket too ({@link TokenBuckets}):
 * each attempt reserves its {@link TokenCost} (its input estimate and its {@code max_tokens})
 * before it goes and is held, in arrival order, until every bucket holds it; when its answer's
 * {@code usage} arrives, what it did not spend comes back ({@link #settle}). One that arrives while
 * others are held queues behind them, even when the buckets could serve it now: a small request let
 * past large ones only moves its wait onto them, and at the limit that doubled the slowest calls
 * (and their p99) of the token-limited benchmark, for no gain in throughput. A 429 gives its
 * reservation back and teaches only the buckets whose reported remaining could not hold the
 * request. An attempt of unknown cost ({@link TokenCost#NONE}: woven code, the engine used
 * directly) takes nothing but waits for a thousand tokens' room in each known bucket.
 *
 * <p><b>Without a requests rate.</b> An exhausted limit of unknown size is held until its {@code
 * -reset}; an exhausted token limit of unknown size until its bucket has refilled a request's
 * thousand tokens. Callers arriving during such a hold are released FIFO one spacing apart ({@link
 * #DEFAULT_SPACING} until a rate is known). A later success, or any response that shows room and is
 * not a 429, reopens such a hold. A 429 that says nothing but its {@code retry-after} holds only
 * the request that got it (the engine's least wait): with no rate to release the others at, holding
 * everyone for it would lower throughput below what no pacing at all achieves.
 *
 * <p><b>The server is not trusted.</b> A wait a response asks for beyond {@code maxServerWait} (the
 * engine's bound, 2 minutes by default) is not credible and teaches the pacer nothing; no caller is
 * ever held longer than that bound, whatever the headers said. Pacing may only ever spare requests
 * that would have been refused (but for the cold start, below); switched off ({@link #off}) the
 * pacer never holds anyone.
 *
 * <p>A retry-after from a 5xx is not a pacing signal: it is advice for that request, while rate
 * limits are shared by every request of the organization.
 *
 * <p><b>Cold start.</b> Until the first request it let go has ended, a pacer that knows nothing of
 * the limits lets one request go at a time, holding the others at most {@link #COLD_START_WAIT}
 * (see {@link #cold}): a burst sent blind into a small bucket comes back as refusals whose {@code
 * retry-after} each refused caller must honour.
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
  /**
   * The longest a caller waits at a cold start for the first request's answer (see {@link #cold}):
   * long enough for a streamed answer's headers or a short answer, short enough that a long
   * generation does not hold a starting service's first callers.
   */
  static final Duration COLD_START_WAIT = Duration.ofSeconds(1);

  /** Spacing between held callers when the API has not said its requests limit. */
  static final Duration DEFAULT_SPACING = Duration.ofMillis(20);

  /** The default bound on what a response may make the pacer hold: two minutes. */
  static final Duration DEFAULT_MAX_SERVER_WAIT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);
  private static final long NEVER = Long.MIN_VALUE / 4;
  // A token limit of unknown size that is spent: "0 left" (rounded to the nearest thousand) means
  // room for about one request comes back with a thousand tokens.
  private static final long TOKENS_PER_REQUEST = 1_000;
  private static final RateLimitState<BucketMirror> REQUESTS = BucketMirror.state("requests");
  private static final RateLimitState<TokenBuckets> TOKENS = TokenBuckets.state();

  /**
   * Requests of the fleet that a copy of a shared bucket must have room for, beyond half the
   * bucket, before an attempt takes its share without waiting for the store.
   */
  static final int AMPLE_REQUESTS = 64;

  private final TimeSource time;
  private final long maxServerWaitMillis;
  private final boolean enabled;
  private final SharedDomain domain;

  /**
   * The store's copy of the requests bucket as last seen, on this process's clock; replaced, never
   * changed.
   */
  private BucketMirror requests = new BucketMirror();

  /** The store's copies of the token buckets as last seen, on this process's clock; replaced. */
  private TokenBuckets tokens = new TokenBuckets();

  /** The reservations of this process's requests in flight. */
  private final Set<Reservation> flying = Collections.newSetFromMap(new IdentityHashMap<>());

  /** What all of this process's reservations have taken so far: see {@link #fly}. */
  private TokenCost sent = TokenCost.NONE;

  private final Deque<PacingHold> held = new ArrayDeque<>();
  private long openAt = NEVER;
  private long lastRelease = NEVER;
  private int inFlight;

  /**
   * Whether an attempt this pacer let go has ended, or a response came with none in flight (code
   * that reports responses itself): the end of a {@link #cold} start.
   */
  private boolean warm;

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
    for (RateLimit family :
        new RateLimit[] {limits.tokens(), limits.inputTokens(), limits.outputTokens()}) {
      // A token limit of known size is mirrored (see settle): only one of unknown size closes.
      if (family != null && (family.limit() == null || family.limit() <= 0)) {
        closedFor =
            Math.max(closedFor, untilRoomFor(family, TOKENS_PER_REQUEST, wallNow, maxWaitMillis));
        anyExhausted |= family.isExhausted();
      }
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
      // With none of ours in flight, no settlement follows this report: all it teaches is known.
      warm |= inFlight == 0;
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
   * Returns how long until a bucket is full again, in ms, or null if its {@code -reset} is not said
   * or not credible.
   */
  private static Long untilFull(RateLimit limit, Instant wallNow, long maxWaitMillis) {
    if (limit.reset() == null) {
      return null;
    }
    long untilFull = TimeMath.millisBetween(wallNow, limit.reset());
    if (untilFull > maxWaitMillis) {
      LOG.debug("ignoring an anthropic-ratelimit reset {}: beyond maxServerWait", limit.reset());
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
    return reserve(nowMillis, deadlineMillis, maxWaitMillis, new Reservation(TokenCost.NONE));
  }

  /**
   * As {@link #reserve(long, long, long)}, for an attempt that spends {@code reservation}'s tokens:
   * it goes once the copies of the requests and token buckets hold it, and each takes its share.
   */
  PacingHold reserve(
      long nowMillis, long deadlineMillis, long maxWaitMillis, Reservation reservation) {
    if (!enabled) {
      return null;
    }
    synchronized (this) {
      PacingHold hold = hold(nowMillis, deadlineMillis, maxWaitMillis, false, reservation);
      if (hold != null) {
        return hold;
      }
      // Counted in flight from now, so that callers arriving while the store answers see its slot
      // taken.
      inFlight++;
    }
    boolean taken = take(nowMillis, reservation, 1 + BucketMirror.RESERVE, false);
    synchronized (this) {
      if (taken) {
        sentAt.addLast(nowMillis);
        return null;
      }
      inFlight--;
      // Another client of the domain took the room first: wait for the next.
      return hold(nowMillis, deadlineMillis, maxWaitMillis, true, reservation);
    }
  }

  /**
   * Takes the reservation's tokens, then one request, from the store's copies at {@code now};
   * returns whether both had room (tokens taken without a request come back). A copy that knows
   * nothing lets everyone go.
   */
  private boolean take(long now, Reservation reservation, double need, boolean heldRelease) {
    TokenCost cost = reservation.cost();
    long in = cost.inputTokens();
    long out = cost.outputTokens();
    if (takenFromAmpleRoom(now, reservation, need, heldRelease)) {
      return true;
    }
    SharedDomain.Answer<TokenBuckets> spent = null;
    if (cost.isNone()) {
      synchronized (this) {
        // A request that says nothing of its tokens takes none, but does not go into a spent
        // bucket.
        if (!tokens.hasRoomForUnknownCost(now)) {
          return false;
        }
      }
    } else {
      boolean[] room = {false};
      spent =
          domain.now(
              TOKENS,
              now,
              (b, storeNow) -> {
                room[0] = b.hasRoom(storeNow, in, out);
                return room[0] ? b.afterTake(storeNow, in, out) : b;
              });
      synchronized (this) {
        learnedTokens(spent.value().shifted(-spent.offset()));
      }
      if (!room[0]) {
        return false;
      }
    }
    boolean[] taken = {false};
    SharedDomain.Answer<BucketMirror> answer =
        domain.now(
            REQUESTS,
            now,
            (mirror, storeNow) -> {
              taken[0] = mirror.hasRoom(storeNow, need);
              return taken[0] ? mirror.afterTake(storeNow, 1, heldRelease, sender) : mirror;
            });
    synchronized (this) {
      requests = answer.value().shifted(-answer.offset());
      if (taken[0]) {
        TokenBuckets after = spent == null ? tokens : spent.value();
        reservation.taken(now, after, spent == null ? now : now + spent.offset());
        fly(reservation);
        return true;
      }
    }
    if (spent != null) {
      // The requests bucket had no room after all: the tokens taken for this request come back.
      Reservation back = new Reservation(cost);
      back.taken(now, spent.value(), now + spent.offset());
      settleTokens(back, null, false, TokenCost.NONE, now);
    }
    return false;
  }

  /**
   * Counts {@code reservation} in flight, noting what flew with it: a report reads its answer
   * against every request of this process in flight at some moment since, for the server may have
   * counted each on either side of it (see {@link TokenBuckets}).
   */
  private void fly(Reservation reservation) {
    TokenCost c = reservation.cost();
    sent =
        TokenCost.of(sent.inputTokens() + c.inputTokens(), sent.outputTokens() + c.outputTokens());
    reservation.flewWith(inFlightCost(), sent);
    flying.add(reservation);
  }

  /** Returns the cost of this process's requests in flight. */
  private TokenCost inFlightCost() {
    long in = 0;
    long out = 0;
    for (Reservation r : flying) {
      in += r.cost().inputTokens();
      out += r.cost().outputTokens();
    }
    return TokenCost.of(in, out);
  }

  /**
   * Takes the reservation's tokens and one request without waiting for a shared store, when this
   * process's copies show far more room than the fleet could have spent since the store last
   * answered (see {@link BucketMirror#hasAmpleRoom}); returns whether it did. The store takes them
   * in the background. While a bucket is far from binding, a round trip to the store settles
   * nothing, yet under a burst of retries several processes racing for the same state made each
   * attempt wait tens of milliseconds for it; close to binding, every take is still agreed first.
   */
  private boolean takenFromAmpleRoom(
      long now, Reservation reservation, double need, boolean heldRelease) {
    if (!domain.isShared() || domain.isAway()) {
      return false;
    }
    TokenCost cost = reservation.cost();
    long in = cost.inputTokens();
    long out = cost.outputTokens();
    synchronized (this) {
      boolean tokensAmple =
          cost.isNone()
              ? tokens.hasRoomForUnknownCost(now)
              : tokens.hasAmpleRoom(now, in, out, AMPLE_REQUESTS);
      if (!tokensAmple || !requests.hasAmpleRoom(now, need, AMPLE_REQUESTS)) {
        return false;
      }
      if (!cost.isNone()) {
        tokens = tokens.afterTake(now, in, out);
      }
      requests = requests.afterTake(now, 1, heldRelease, sender);
      reservation.taken(now, tokens, now);
      fly(reservation);
    }
    if (!cost.isNone()) {
      domain.later(
          TOKENS,
          now,
          (b, storeNow) -> b.afterTake(storeNow, in, out),
          answer -> {
            synchronized (this) {
              learnedTokens(answer.value().shifted(-answer.offset()));
            }
          });
    }
    domain.later(
        REQUESTS,
        now,
        (mirror, storeNow) -> mirror.afterTake(storeNow, 1, heldRelease, sender),
        answer -> {
          synchronized (this) {
            requests = answer.value().shifted(-answer.offset());
          }
        });
    return true;
  }

  /**
   * Reads the shared store's copies of the buckets this process knows nothing of yet, in the
   * background. Called when the server comes back from an outage: the retries that a release sends
   * at once would otherwise each wait for the store to learn the limits another process learned
   * from the first answer, in the burst where the store is busiest.
   */
  void refreshUnknownCopies() {
    if (!enabled || !domain.isShared() || domain.isAway()) {
      return;
    }
    boolean requestsUnknown;
    boolean tokensUnknown;
    synchronized (this) {
      requestsUnknown = !requests.known();
      tokensUnknown = !tokens.known();
    }
    if (requestsUnknown) {
      domain.later(
          REQUESTS,
          (mirror, storeNow) -> mirror,
          answer -> {
            synchronized (this) {
              if (!requests.known()) {
                requests = answer.value().shifted(-answer.offset());
              }
            }
          });
    }
    if (tokensUnknown) {
      domain.later(
          TOKENS,
          (buckets, storeNow) -> buckets,
          answer -> {
            synchronized (this) {
              if (!tokens.known()) {
                learnedTokens(answer.value().shifted(-answer.offset()));
              }
            }
          });
    }
  }

  /**
   * Returns {@code null} when a caller arriving at {@code nowMillis} may go now, else queues and
   * returns its hold (or {@link #REFUSED}); {@code mustWait} queues it even when the copy shows
   * room, because the store just said there is none.
   */
  private PacingHold hold(
      long nowMillis,
      long deadlineMillis,
      long maxWaitMillis,
      boolean mustWait,
      Reservation reservation) {
    BucketMirror plan = requests.copy();
    TokenBuckets tokenPlan = tokens.copy();
    long previous = NEVER;
    for (PacingHold h : held) {
      plan.take(h.due(), 1);
      TokenCost c = h.reservation().cost();
      tokenPlan.take(h.due(), c.inputTokens(), c.outputTokens());
      previous = h.due();
    }
    long latest = TimeMath.plus(nowMillis, maxWaitMillis);
    // Callers held before this one take their slots first.
    boolean slot = admits(inFlight + held.size());
    long release;
    if (slot) {
      release =
          Math.min(releaseAt(nowMillis, plan, tokenPlan, previous, reservation.cost()), latest);
    } else if (cold()) {
      release = Math.min(TimeMath.plus(nowMillis, COLD_START_WAIT.toMillis()), latest);
    } else {
      release = latest;
    }
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
        new PacingHold(
            nowMillis, Math.min(release, Math.max(deadlineMillis, nowMillis + 1)), reservation);
    held.addLast(hold);
    return hold;
  }

  /** The answer of {@link #reserve} when the caller's turn comes after its deadline. */
  static final PacingHold REFUSED = new PacingHold(0, 0, new Reservation(TokenCost.NONE));

  /**
   * Returns when the next caller, of {@code cost}, may go: when the copies of the requests bucket
   * and of the token buckets have room for it (the copies themselves space callers one refill apart
   * once they run dry), after any hold. Without a copy of the requests bucket, callers held by a
   * closed pacer leave one {@link #DEFAULT_SPACING} apart rather than all at once.
   */
  private long releaseAt(
      long now, BucketMirror plan, TokenBuckets tokenPlan, long previous, TokenCost cost) {
    // Spacing without a rate is for callers a closed pacer held; nothing else holds them apart.
    long next =
        requests.known() || openAt == NEVER
            ? NEVER
            : Math.max(previous, lastRelease) + DEFAULT_SPACING.toMillis();
    long tokensReady =
        cost.isNone()
            ? tokenPlan.readyAtForUnknownCost(now)
            : tokenPlan.readyAt(now, cost.inputTokens(), cost.outputTokens());
    long room = Math.max(plan.readyAt(now, 1), tokensReady);
    return Math.max(Math.max(Math.max(now, room), openAt), next);
  }

  /**
   * Plans every held caller again from what is known now, moving their releases earlier where
   * possible: in arrival order, each as soon as the copies of the buckets have room and a request
   * slot is free.
   */
  private void replan(long now) {
    BucketMirror plan = requests.copy();
    TokenBuckets tokenPlan = tokens.copy();
    long previous = NEVER;
    int busy = inFlight;
    for (PacingHold h : held) {
      if (!admits(busy)) {
        return;
      }
      TokenCost c = h.reservation().cost();
      busy++;
      long release = Math.min(releaseAt(now, plan, tokenPlan, previous, c), h.due());
      h.moveTo(release);
      plan.take(release, 1);
      tokenPlan.take(release, c.inputTokens(), c.outputTokens());
      previous = release;
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
    // A whole request, without the reserve kept when planning: the plan already paid for the
    // jitter.
    boolean taken = take(now, hold.reservation(), 1, true);
    synchronized (this) {
      boolean queued = held.remove(hold);
      if (taken) {
        lastRelease = now;
        inFlight++;
        sentAt.addLast(now);
        return null;
      }
      if (!queued) {
        return null;
      }
      TokenCost c = hold.reservation().cost();
      long release =
          Math.max(
              now + 1,
              Math.min(
                  releaseAt(now, requests.copy(), tokens.copy(), NEVER, c),
                  TimeMath.plus(now, maxServerWaitMillis)));
      PacingHold next = new PacingHold(now, release, hold.reservation());
      held.addFirst(next);
      return next;
    }
  }

  /**
   * Returns whether another request may go while {@code busy} requests of this process are in
   * flight: within the concurrency limit, and alone while the pacer is {@link #cold}.
   */
  private boolean admits(int busy) {
    return concurrency.admits(busy) && (busy == 0 || !cold());
  }

  /**
   * Returns whether this pacer knows nothing of the server's limits yet: it is not {@link #warm},
   * no copy of a token bucket is known, no limit has closed it. Callers arriving together at a cold
   * start would all go before any header says how much room there is, and a bucket they overfill
   * answers with a {@code retry-after} that does not count what the requests in flight give back
   * (25 s for a {@code max_tokens} burst on an output-token limit), which is then every refused
   * caller's least wait. So the first request goes alone, and the others follow once it has ended
   * and its answer has taught the copies — or after {@link #COLD_START_WAIT}, whichever is first.
   */
  private boolean cold() {
    // A known requests bucket does not end it: the transport reports a response's headers before
    // its answer settles the token buckets, and requests are seldom the limit a burst overfills.
    return !warm && openAt == NEVER && !tokens.known();
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
    warm = true;
    inFlight = Math.max(0, inFlight - 1);
    sentAt.pollFirst();
    if (!held.isEmpty()) {
      replan(time.millis());
    }
  }

  /**
   * Returns the token bucket that can never hold a request of {@code cost} (it needs more than the
   * bucket's limit per minute), or {@code null}: such a request would wait forever.
   */
  synchronized TokenBuckets.Kind tooSmallFor(TokenCost cost) {
    return enabled ? tokens.tooSmallFor(cost.inputTokens(), cost.outputTokens()) : null;
  }

  /** Returns the limit per minute of token bucket {@code kind}, 0 if unknown. */
  synchronized long tokenLimit(TokenBuckets.Kind kind) {
    return tokens.limit(kind);
  }

  /**
   * Settles what an attempt reserved once it is over: its answer's token headers ({@code limits},
   * null if none) are read against the reservation, and the buckets keep what it {@code spent}
   * (null: what it reserved) instead of what it reserved. A {@code refused} attempt (429) spent
   * nothing, and teaches the buckets that may have refused it. Call before {@link #answered()}.
   */
  void settle(Reservation reservation, RateLimits limits, boolean refused, TokenCost spent) {
    if (!enabled) {
      return;
    }
    long now = time.millis();
    synchronized (this) {
      if (reservation.taken()) {
        reservation.settled();
        flying.remove(reservation);
      }
    }
    TokenCost kept = refused ? TokenCost.NONE : spent == null ? reservation.cost() : spent;
    settleTokens(reservation, limits, refused, kept, now);
  }

  private void settleTokens(
      Reservation reservation, RateLimits limits, boolean refused, TokenCost spent, long now) {
    TokenReport.Family in = family(limits == null ? null : limits.inputTokens());
    TokenReport.Family out = family(limits == null ? null : limits.outputTokens());
    TokenReport.Family total = family(limits == null ? null : limits.tokens());
    if (total != null
        && ((in != null && total.limit() == in.limit())
            || (out != null && total.limit() == out.limit()))) {
      // The most restrictive limit in effect is one already mirrored: not a bucket of its own.
      total = null;
    }
    TokenCost cost = reservation.cost();
    long backIn = cost.inputTokens() - spent.inputTokens();
    long backOut = cost.outputTokens() - spent.outputTokens();
    boolean learns = in != null || out != null || total != null;
    if (!learns && ((backIn == 0 && backOut == 0) || !reservation.marked())) {
      return;
    }
    TokenCost inFlight;
    TokenCost overlap;
    synchronized (this) {
      inFlight = inFlightCost();
      overlap = reservation.overlapUntil(sent);
    }
    TokenReport report =
        new TokenReport(
            in,
            out,
            total,
            cost.inputTokens(),
            cost.outputTokens(),
            backIn,
            backOut,
            reservation.marks(),
            Math.max(0, now - reservation.takenAt()),
            refused,
            inFlight.inputTokens(),
            inFlight.outputTokens(),
            overlap.inputTokens(),
            overlap.outputTokens());
    domain.later(
        TOKENS,
        now,
        (b, storeNow) -> b.afterReport(storeNow, report),
        answer -> {
          synchronized (this) {
            learnedTokens(answer.value().shifted(-answer.offset()));
            replan(time.millis());
          }
        });
  }

  /**
   * Takes in the store's copies of the token buckets; a bucket known for the first time was started
   * with every request of this process in flight counted, so those requests hold their share of it
   * from then on, and give back what they do not spend.
   */
  private void learnedTokens(TokenBuckets next) {
    for (TokenBuckets.Kind k : TokenBuckets.Kind.values()) {
      if (next.known(k) && !tokens.known(k)) {
        for (Reservation r : flying) {
          r.adopt(k, next.level(k));
        }
      }
    }
    tokens = next;
  }

  /** Returns a token family of known size as the buckets read it, or null. */
  private TokenReport.Family family(RateLimit limit) {
    if (limit == null || limit.limit() == null || limit.limit() <= 0 || limit.remaining() == null) {
      return null;
    }
    Long untilFull = untilFull(limit, time.now(), maxServerWaitMillis);
    return new TokenReport.Family(
        limit.limit(), limit.remaining(), untilFull == null ? null : Math.max(0, untilFull));
  }

  /**
   * Returns the spacing between releases: one refill of the requests bucket once known, else {@link
   * #DEFAULT_SPACING}.
   */
  synchronized long spacingMillis() {
    return requests.known() ? requests.spacingMillis() : DEFAULT_SPACING.toMillis();
  }

  /**
   * Spacing between waiters a success releases after server errors: only so that they do not all
   * arrive in the same millisecond. Each released retry still asks the pacer for room, which holds
   * it while a known requests or token bucket has none; a server back from an outage has served
   * nothing for seconds, so its buckets are full.
   */
  static final Duration RECOVERY_SPACING = Duration.ofMillis(5);

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
