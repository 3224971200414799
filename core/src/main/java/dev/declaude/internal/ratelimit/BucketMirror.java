package dev.declaude.internal.ratelimit;

import dev.declaude.ratelimit.RateLimitState;
import java.time.Duration;
import java.util.Locale;

/**
 * This client's copy of one of the API's rate-limit buckets, learned from a family of {@code
 * anthropic-ratelimit-*} headers: it refills continuously (the API's buckets do, claude-api.md
 * §2.4), holds at most the largest room ever reported, and loses what each request this client
 * releases takes. The {@link Pacer} releases a request only when the copy has room for it.
 *
 * <p><b>The refill rate</b> reads the three headers together, then lets observations overrule them.
 * The API documents {@code -limit} as a per-minute limit, so the bucket refills at least {@code
 * limit / 60 s}; and since it is full again at {@code -reset}, at least {@code (size - remaining -
 * 1) / (reset - now)} (the remaining is floored to whole units), where the size is the limit or,
 * when the limit is enforced over a shorter interval (60 RPM as one a second, claude-api.md §2.4),
 * the largest room ever reported. The best such bound for the current {@code -limit} is the rate's
 * floor: a gateway that reports its burst size as {@code -limit}, with a reset a fraction of a
 * second away, is read as the fast bucket it is, not as a handful of requests a minute; and a 60
 * RPM limit enforced per second is not taken for 60 requests a second. Headers can still mislead (a
 * reset rounded up to the second, a bucket of one), so observations overrule them, one {@link
 * #WINDOW_MILLIS window} at a time. When a response shows the server's bucket full while the copy
 * thought it short, the copy refills too slowly (the server had room for longer than the copy could
 * tell) and the rate doubles; when the server refused requests, it was saturated, so what it served
 * in the window beyond a full bucket is its rate (never below the floor).
 *
 * <p><b>Reports correct the level</b> only where they prove it wrong. A response's {@code
 * remaining} is what the server had when it counted that request; requests of ours still in flight
 * may not be counted yet, so the server has at least {@code remaining - othersInFlight} now: a copy
 * below that is raised to it (the limit was raised, another client stopped). A refusal proves the
 * server took nothing for that request (its share comes back to the copy) and had nothing left (the
 * copy holds at most {@code -othersInFlight}). A success never lowers the copy, because {@code
 * remaining} is floored and often stale (counted when the request started, answered seconds later).
 * {@code -reset}, when the server's bucket is full, bounds how long the copy may stay short of
 * full.
 *
 * <p>Kept as a level at an instant: the level at a later instant adds the refill since, up to the
 * capacity.
 *
 * <p><b>Shared.</b> The mirror is a domain's state, kept in its {@code RateLimitStore} ({@link
 * #state}), so that every client of the domain, in this process or in a fleet, spends one copy. A
 * stored mirror is never changed in place: {@link #afterTake} and {@link #afterReport} return
 * changed copies, and the pacer plans on {@link #copy() copies}. Times are in the clock of the
 * store that keeps it; {@link #shifted} moves them to another clock. Not thread-safe: a copy
 * belongs to one thread until it is stored.
 */
public final class BucketMirror {
  /**
   * Room kept in hand when releasing, as a share of one request, so that a request reaching the
   * server a little later or earlier than its turn (network and scheduling jitter) still finds a
   * whole one. Sending at exactly the refill rate keeps the server's level where it started, so
   * this is paid once.
   */
  public static final double RESERVE = 0.25;

  /** How often the learned rate is judged against what the server reported. */
  public static final long WINDOW_MILLIS = 1_000;

  /**
   * How long a rate that drew refusals caps the learned rate, in case the server's rate was raised.
   */
  public static final long CEILING_MILLIS = 300_000;

  private boolean known;
  private double perMilli;
  private double capacity;
  private double level;
  private long levelAt;

  private long lastLimit;
  private double floor;
  private double ceiling = Double.POSITIVE_INFINITY;
  private long ceilingAt;
  private long windowStart;
  private int windowSuccesses;
  private int windowRefusals;
  private boolean windowCensored;
  private boolean windowPaced;
  private boolean heldRelease;

  /**
   * When the last {@link #SENT_LOG} requests were taken and by whom: a ring, {@code sent} of them
   * in all.
   */
  private long[] sentAt = new long[SENT_LOG];

  private int[] sentBy = new int[SENT_LOG];
  private long sent;

  /** How long a store keeps a mirror no one has touched: the API's limits are per minute. */
  static final Duration IDLE_EXPIRY = Duration.ofMinutes(10);

  /**
   * How many recent requests the mirror remembers sending, and from which client: enough to count a
   * fleet's requests in flight while one of them is answered (forty a second for over a second).
   */
  static final int SENT_LOG = 64;

  private static final String FORMAT = "m2";

  /** Returns a mirror that knows nothing yet: it never holds anyone. */
  public BucketMirror() {}

  private BucketMirror(BucketMirror other, boolean all) {
    known = other.known;
    perMilli = other.perMilli;
    capacity = other.capacity;
    level = other.level;
    levelAt = other.levelAt;
    if (all) {
      lastLimit = other.lastLimit;
      floor = other.floor;
      ceiling = other.ceiling;
      ceilingAt = other.ceilingAt;
      windowStart = other.windowStart;
      windowSuccesses = other.windowSuccesses;
      windowRefusals = other.windowRefusals;
      windowCensored = other.windowCensored;
      windowPaced = other.windowPaced;
      heldRelease = other.heldRelease;
      sentAt = other.sentAt.clone();
      sentBy = other.sentBy.clone();
      sent = other.sent;
    }
  }

  /**
   * Returns the state of the mirror of the bucket called {@code bucket} ({@code requests}, {@code
   * input-tokens}, ...).
   */
  public static RateLimitState<BucketMirror> state(String bucket) {
    return new MirrorState("bucket." + bucket);
  }

  /**
   * Returns a copy of the level, rate and capacity, for planning releases without touching this
   * one.
   */
  public BucketMirror copy() {
    return new BucketMirror(this, false);
  }

  /** Returns whether a response has reported this bucket's limit and remaining. */
  public boolean known() {
    return known;
  }

  /** Returns the time one unit takes to refill, in ms (at least 1). */
  public long spacingMillis() {
    return Math.max(1, (long) Math.floor(1 / perMilli));
  }

  /**
   * Returns whether the mirror holds {@code need} at {@code t}, capped at the whole bucket when it
   * is smaller: a mirror that knows nothing always has room.
   */
  public boolean hasRoom(long t, double need) {
    // The epsilon keeps floating-point dust from refusing what readyAt planned.
    return !known || levelAt(t) >= Math.min(need, capacity) - 1e-9;
  }

  /**
   * Returns whether the copy holds {@code need} at {@code t} with half the bucket, and at least
   * {@code floor}, to spare: room no other client of the domain can have spent since the copy was
   * read, short of a burst that size. A mirror that knows nothing has none to spare.
   */
  public boolean hasAmpleRoom(long t, double need, double floor) {
    return known && levelAt(t) - need >= Math.max(capacity / 2, floor);
  }

  /**
   * Returns a copy that client {@code sender} took {@code amount} from at {@code t}; {@code
   * heldRelease} notes that the pacer had held the caller for room (the next report tells whether
   * it waited too long).
   */
  public BucketMirror afterTake(long t, double amount, boolean heldRelease, int sender) {
    if (!known) {
      return this;
    }
    BucketMirror next = new BucketMirror(this, true);
    next.take(t, amount);
    next.heldRelease |= heldRelease;
    int i = (int) (next.sent++ % SENT_LOG);
    next.sentAt[i] = t;
    next.sentBy[i] = sender;
    return next;
  }

  /**
   * Returns a copy that learned from a response that client {@code reporter} received at {@code
   * now}, while {@code othersInFlight} other requests of its own were unanswered, the oldest sent
   * at {@code oldestSentAt} ({@link Long#MIN_VALUE} for none). Requests other clients of the domain
   * sent since then may not have been counted by the server either, so they count as in flight too.
   * See the class doc for the rest.
   */
  public BucketMirror afterReport(
      long now,
      long limit,
      long remaining,
      Long fullAt,
      boolean rateLimited,
      int othersInFlight,
      int reporter,
      long oldestSentAt) {
    BucketMirror next = new BucketMirror(this, true);
    int others = othersInFlight + sentByOthersSince(oldestSentAt, reporter);
    next.report(now, limit, remaining, fullAt, rateLimited, others);
    return next;
  }

  /**
   * Returns how many requests the log shows clients other than {@code client} sent at or after
   * {@code since}.
   */
  private int sentByOthersSince(long since, int client) {
    if (since == Long.MIN_VALUE) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < Math.min(sent, SENT_LOG); i++) {
      n += sentAt[i] >= since && sentBy[i] != client ? 1 : 0;
    }
    return n;
  }

  /**
   * Returns a copy whose instants are {@code deltaMillis} later: the same mirror on another clock.
   */
  public BucketMirror shifted(long deltaMillis) {
    if (deltaMillis == 0) {
      return this;
    }
    BucketMirror next = new BucketMirror(this, true);
    next.levelAt += deltaMillis;
    next.ceilingAt += deltaMillis;
    next.windowStart += deltaMillis;
    for (int i = 0; i < SENT_LOG; i++) {
      next.sentAt[i] += deltaMillis;
    }
    return next;
  }

  /**
   * Returns the copy's level at {@code t} (negative: owed to the server), no earlier than its last
   * change.
   */
  public double levelAt(long t) {
    if (!known) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.min(capacity, level + Math.max(0, t - levelAt) * perMilli);
  }

  /**
   * Returns the earliest instant at or after {@code t} (and after the copy's last change) when the
   * copy holds {@code need} plus the reserve, or the whole bucket when it is too small to keep a
   * reserve.
   */
  public long readyAt(long t, double need) {
    if (!known) {
      return t;
    }
    long from = Math.max(t, levelAt);
    double want = Math.min(need + RESERVE, capacity);
    double missing = want - levelAt(from);
    // The epsilon keeps floating-point dust from costing a whole millisecond.
    return missing <= 0 ? from : from + (long) Math.ceil(missing / perMilli - 1e-9);
  }

  /** Takes {@code amount} at {@code t} (no earlier than the copy's last change); only on a copy. */
  public void take(long t, double amount) {
    if (known) {
      long at = Math.max(t, levelAt);
      level = levelAt(at) - amount;
      levelAt = at;
    }
  }

  /**
   * Learns from a response that reported {@code limit}, {@code remaining} and the bucket full again
   * at {@code fullAt} (monotonic ms, or null), received at {@code now} while {@code othersInFlight}
   * other requests of this client were unanswered.
   */
  private void report(
      long now, long limit, long remaining, Long fullAt, boolean rateLimited, int othersInFlight) {
    double size = Math.min(limit, Math.max(known ? capacity : 0, remaining + 1));
    double bound = Math.max(limit / 60_000.0, resetRate(now, size, remaining, fullAt));
    if (!known || limit != lastLimit) {
      floor = bound;
      lastLimit = limit;
      ceiling = Double.POSITIVE_INFINITY;
    } else {
      floor = Math.max(floor, bound);
    }
    double current = known ? levelAt(now) : remaining - othersInFlight;
    if (!known) {
      known = true;
      perMilli = floor;
      capacity = Math.max(1, remaining + 1);
      windowStart = now;
    }
    learn(now);
    perMilli = Math.max(perMilli, floor);
    capacity = Math.max(capacity, remaining + 1);
    double lowest = remaining - othersInFlight;
    if (rateLimited && remaining < 1) {
      windowRefusals++;
      current = Math.min(current + 1, -othersInFlight);
    } else {
      windowSuccesses += rateLimited ? 0 : 1;
      // The server was full when it counted this request, while the copy thought it short or had
      // just
      // held a caller for room: the copy cannot see how long the server has had room, only that it
      // refilled faster than the copy.
      windowCensored |=
          !rateLimited && remaining >= capacity - 1 && (heldRelease || current < capacity - 1.5);
      current = Math.max(current, lowest);
    }
    // A refusal that also claims the bucket is already full contradicts itself: the refusal wins.
    if (fullAt != null && !(rateLimited && remaining < 1 && fullAt <= now)) {
      // "-reset" is when the server's bucket is full again: by then the copy holds its capacity,
      // less
      // our requests the server had not counted yet (a 60 RPM limit enforced per second is full
      // soon).
      current = Math.max(current, capacity - othersInFlight - Math.max(0, fullAt - now) * perMilli);
    }
    level = Math.min(capacity, current);
    levelAt = now;
    heldRelease = false;
  }

  /**
   * Closes a learning window that has run its length: after refusals the rate becomes what the
   * saturated server served in the window beyond a full bucket (at least the floor), and the rate
   * that drew them becomes a ceiling; else, when the server was seen full while the copy thought it
   * short, the rate doubles, or, below a ceiling, goes halfway to it (so probing a rate that drew
   * refusals converges on the server's instead of overshooting it again and again).
   */
  private void learn(long now) {
    long length = now - windowStart;
    if (length < WINDOW_MILLIS) {
      return;
    }
    if (now - ceilingAt > CEILING_MILLIS) {
      ceiling = Double.POSITIVE_INFINITY;
    }
    if (windowRefusals > 0) {
      if (windowPaced) {
        // Not the first window, whose refusals met requests sent before anything was known.
        ceiling = Math.min(ceiling, perMilli);
        ceilingAt = now;
      }
      // What it served beyond a full bucket it must have refilled within the window.
      perMilli = Math.max(floor, (windowSuccesses - capacity) / length);
    } else if (windowCensored) {
      perMilli =
          Double.isInfinite(ceiling)
              ? perMilli * 2
              : Math.max(perMilli, Math.min(perMilli * 2, (perMilli + ceiling) / 2));
    }
    windowStart = now;
    windowPaced = true;
    windowSuccesses = 0;
    windowRefusals = 0;
    windowCensored = false;
  }

  /**
   * Returns the least rate implied by the bucket being full again at {@code fullAt}, or 0 if none
   * is. The server floors {@code remaining} to whole units, so at least {@code size - remaining -
   * 1} were missing.
   */
  private static double resetRate(long now, double size, long remaining, Long fullAt) {
    double missing = size - remaining - 1;
    if (fullAt == null || fullAt <= now || missing <= 0) {
      return 0;
    }
    return missing / (fullAt - now);
  }

  @Override
  public String toString() {
    return known
        ? String.format(
            Locale.ROOT,
            "BucketMirror{level=%.2f@%d, perSecond=%.2f, capacity=%.0f}",
            level,
            levelAt,
            perMilli * 1000,
            capacity)
        : "BucketMirror{unknown}";
  }

  /** The mirror as a domain's state: encoded as its fields in a fixed order, doubles exactly. */
  private static final class MirrorState
      implements RateLimitState<BucketMirror>, TimeShift<BucketMirror> {
    private final String name;

    MirrorState(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public BucketMirror initial() {
      return new BucketMirror();
    }

    @Override
    public Duration idleExpiry() {
      return IDLE_EXPIRY;
    }

    @Override
    public BucketMirror shifted(BucketMirror value, long deltaMillis) {
      return value.shifted(deltaMillis);
    }

    @Override
    public String encode(BucketMirror m) {
      return String.join(
          " ",
          FORMAT,
          flag(m.known),
          hex(m.perMilli),
          hex(m.capacity),
          hex(m.level),
          Long.toString(m.levelAt),
          Long.toString(m.lastLimit),
          hex(m.floor),
          hex(m.ceiling),
          Long.toString(m.ceilingAt),
          Long.toString(m.windowStart),
          Integer.toString(m.windowSuccesses),
          Integer.toString(m.windowRefusals),
          flag(m.windowCensored),
          flag(m.windowPaced),
          flag(m.heldRelease),
          Long.toString(m.sent),
          sentLog(m));
    }

    private static String sentLog(BucketMirror m) {
      StringBuilder log = new StringBuilder();
      for (int i = 0; i < Math.min(m.sent, SENT_LOG); i++) {
        log.append(i == 0 ? "" : ",").append(m.sentAt[i]).append(':').append(m.sentBy[i]);
      }
      return log.length() == 0 ? "-" : log.toString();
    }

    @Override
    public BucketMirror decode(String text) {
      String[] f = text.split(" ");
      if (f.length != 18 || !f[0].equals(FORMAT)) {
        throw new IllegalArgumentException("not a bucket mirror of format " + FORMAT);
      }
      try {
        BucketMirror m = new BucketMirror();
        m.known = f[1].equals("1");
        m.perMilli = Double.parseDouble(f[2]);
        m.capacity = Double.parseDouble(f[3]);
        m.level = Double.parseDouble(f[4]);
        m.levelAt = Long.parseLong(f[5]);
        m.lastLimit = Long.parseLong(f[6]);
        m.floor = Double.parseDouble(f[7]);
        m.ceiling = Double.parseDouble(f[8]);
        m.ceilingAt = Long.parseLong(f[9]);
        m.windowStart = Long.parseLong(f[10]);
        m.windowSuccesses = Integer.parseInt(f[11]);
        m.windowRefusals = Integer.parseInt(f[12]);
        m.windowCensored = f[13].equals("1");
        m.windowPaced = f[14].equals("1");
        m.heldRelease = f[15].equals("1");
        m.sent = Long.parseLong(f[16]);
        String[] log = f[17].equals("-") ? new String[0] : f[17].split(",");
        if (log.length != Math.min(m.sent, SENT_LOG)) {
          throw new IllegalArgumentException("a bucket mirror's log does not match its count");
        }
        for (int i = 0; i < log.length; i++) {
          int colon = log[i].indexOf(':');
          m.sentAt[i] = Long.parseLong(log[i].substring(0, colon));
          m.sentBy[i] = Integer.parseInt(log[i].substring(colon + 1));
        }
        return m;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unreadable bucket mirror", e);
      }
    }

    private static String flag(boolean b) {
      return b ? "1" : "0";
    }

    private static String hex(double d) {
      // Hexadecimal doubles survive the round trip exactly, infinity included.
      return Double.toHexString(d);
    }
  }
}
