package dev.declaude.internal.ratelimit;

import dev.declaude.ratelimit.RateLimitState;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * This client's copies of the API's token buckets: input tokens, output tokens, and the combined
 * tokens limit ({@code anthropic-ratelimit-{input-tokens,output-tokens,tokens}-*}). Each refills
 * continuously at its {@code -limit} per minute up to the limit (claude-api.md §2.4), loses what
 * each request of the domain reserves before it goes (its input estimate, its {@code max_tokens},
 * their sum for the combined limit), and gets back what the answer's {@code usage} says was not
 * spent.
 *
 * <p><b>Reports correct the copy where they prove it wrong.</b> The API rounds {@code remaining} to
 * the nearest thousand, so a report of {@code R} says the server held between {@code R - 500} and
 * {@code R + 500} when it counted the request. A request reserved on a known copy carries a
 * <em>mark</em>: the copy's level right after its reservation. Its answer's report is read against
 * that mark, with the unspent input already back (the server counts the real input, not our
 * estimate): a mark below the interval is raised to it, one above is lowered to it, and a mark
 * inside is left alone. The interval is widened by what refilled since the reservation, by this
 * process's other requests in flight at any time since it (the server may have counted them on
 * either side of this one, even those answered first), and by the -reset's whole-second precision.
 * An output report may come before or after the server's correction, so it has two readings, the
 * unspent {@code max_tokens} apart: the mark is read against the one it is near. So the rounding
 * costs nothing once a few reports have come in, and a number that allows a request is never read
 * as refusing it. A report without a mark (the first one, or one of a request that reserved
 * nothing) only starts a copy: at the least the server could have held, less every token this
 * process has in flight.
 *
 * <p><b>A refusal teaches the bucket that refused.</b> A 429 proves the server took nothing for the
 * request (its reservation comes back) and that a bucket which may have refused (its rounded
 * remaining could not hold the request) held less than the request needed: such a bucket is set to
 * the least the report allows, since guessing high would cost another refusal. A bucket whose
 * rounded remaining allows the request is only corrected as above, so a small request may still
 * pass it.
 *
 * <p>The combined tokens limit shows the most restrictive limit in effect; when its limit is the
 * input or the output limit, it is that bucket seen again and is not mirrored twice.
 *
 * <p>Priority Tier buckets ({@code anthropic-priority-*}) are not mirrored: a request's tier is
 * decided by the server, which serves it from standard capacity when priority capacity is spent.
 *
 * <p>Immutable once stored: changes return copies; {@link #take} changes a planning copy only.
 * Times are on the clock of the store that keeps it.
 */
public final class TokenBuckets {
  /** The token buckets mirrored, in the order of their arrays. */
  public enum Kind {
    INPUT("input-tokens"),
    OUTPUT("output-tokens"),
    TOTAL("tokens");

    private final String family;

    Kind(String family) {
      this.family = family;
    }

    /** Returns the header family's name, as in {@code anthropic-ratelimit-input-tokens-limit}. */
    public String family() {
      return family;
    }

    /** Returns what a request of {@code input} and {@code output} tokens needs from this bucket. */
    public long need(long input, long output) {
      switch (this) {
        case INPUT:
          return input;
        case OUTPUT:
          return output;
        default:
          return input + output;
      }
    }
  }

  /** How far a reported remaining may be from the server's level: it is rounded to thousands. */
  public static final long ROUNDING = 500;

  /**
   * The room a request that says nothing of its tokens (woven code, the engine used directly) waits
   * for in each known bucket: a thousand tokens, the API's rounding unit, as for a bucket of
   * unknown size.
   */
  public static final long UNKNOWN_COST = 1_000;

  /** How long a store keeps copies no one has touched: the API's limits are per minute. */
  static final Duration IDLE_EXPIRY = Duration.ofMinutes(10);

  private static final Kind[] KINDS = Kind.values();
  private static final String FORMAT = "t1";
  private static final RateLimitState<TokenBuckets> STATE = new State();

  private final long[] limit = new long[KINDS.length];
  private final double[] level = new double[KINDS.length];
  private final long[] levelAt = new long[KINDS.length];

  /** Returns copies that know nothing yet: they never hold anyone. */
  public TokenBuckets() {}

  private TokenBuckets(TokenBuckets other) {
    System.arraycopy(other.limit, 0, limit, 0, KINDS.length);
    System.arraycopy(other.level, 0, level, 0, KINDS.length);
    System.arraycopy(other.levelAt, 0, levelAt, 0, KINDS.length);
  }

  /** Returns the domain's state that keeps these copies. */
  public static RateLimitState<TokenBuckets> state() {
    return STATE;
  }

  /** Returns a copy for planning, which {@link #take} may change. */
  public TokenBuckets copy() {
    return new TokenBuckets(this);
  }

  /** Returns whether any bucket's limit is known. */
  public boolean known() {
    for (Kind k : KINDS) {
      if (known(k)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether bucket {@code k}'s limit is known. */
  public boolean known(Kind k) {
    return limit[k.ordinal()] > 0;
  }

  /**
   * Returns bucket {@code k}'s level at its last change (the level it was started at, at first).
   */
  public double level(Kind k) {
    return level[k.ordinal()];
  }

  /** Returns bucket {@code k}'s limit per minute, 0 if unknown. */
  public long limit(Kind k) {
    return limit[k.ordinal()];
  }

  /**
   * Returns bucket {@code k}'s level at {@code t} (negative: owed to the server), no earlier than
   * its last change; infinite when unknown.
   */
  public double levelAt(Kind k, long t) {
    int i = k.ordinal();
    if (limit[i] <= 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.min(limit[i], level[i] + Math.max(0, t - levelAt[i]) * perMilli(i));
  }

  private double perMilli(int i) {
    return limit[i] / 60_000.0;
  }

  /**
   * Returns the first bucket that can never hold a request of {@code input} and {@code output}
   * tokens (its need exceeds the bucket's limit), or {@code null} if every known bucket can.
   */
  public Kind tooSmallFor(long input, long output) {
    for (Kind k : KINDS) {
      if (known(k) && k.need(input, output) > limit(k)) {
        return k;
      }
    }
    return null;
  }

  /** Returns whether every known bucket holds what the request needs at {@code t}. */
  public boolean hasRoom(long t, long input, long output) {
    return hasRoom(t, needs(input, output));
  }

  /**
   * Returns whether some bucket is known and every known bucket the request draws on holds what it
   * needs at {@code t} with half the bucket, and at least {@code requests} times the need, to spare
   * (see {@link BucketMirror#hasAmpleRoom}).
   */
  public boolean hasAmpleRoom(long t, long input, long output, long requests) {
    if (!known()) {
      return false;
    }
    long[] needs = needs(input, output);
    for (Kind k : KINDS) {
      long need = needs[k.ordinal()];
      if (need > 0
          && known(k)
          && levelAt(k, t) - need < Math.max(limit(k) / 2.0, (double) requests * need)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether every known bucket holds {@value #UNKNOWN_COST} tokens at {@code t}: the room
   * asked of a request that says nothing of its tokens (it takes none).
   */
  public boolean hasRoomForUnknownCost(long t) {
    return hasRoom(t, unknownNeeds());
  }

  private boolean hasRoom(long t, long[] needs) {
    for (Kind k : KINDS) {
      long need = needs[k.ordinal()];
      // The epsilon keeps floating-point dust from refusing what readyAt planned.
      if (need > 0 && known(k) && levelAt(k, t) < Math.min(need, limit(k)) - 1e-6) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the earliest instant at or after {@code t} when every known bucket holds what the
   * request needs (capped at the bucket's limit).
   */
  public long readyAt(long t, long input, long output) {
    return readyAt(t, needs(input, output));
  }

  /** As {@link #readyAt(long, long, long)}, for a request that says nothing of its tokens. */
  public long readyAtForUnknownCost(long t) {
    return readyAt(t, unknownNeeds());
  }

  private long readyAt(long t, long[] needs) {
    long ready = t;
    for (Kind k : KINDS) {
      long need = Math.min(needs[k.ordinal()], limit(k));
      int i = k.ordinal();
      if (need <= 0 || !known(k)) {
        continue;
      }
      long from = Math.max(t, levelAt[i]);
      double missing = need - levelAt(k, from);
      // The epsilon keeps floating-point dust from costing a whole millisecond.
      long at = missing <= 0 ? from : from + (long) Math.ceil(missing / perMilli(i) - 1e-9);
      ready = Math.max(ready, at);
    }
    return ready;
  }

  private static long[] needs(long input, long output) {
    long[] needs = new long[KINDS.length];
    for (Kind k : KINDS) {
      needs[k.ordinal()] = k.need(input, output);
    }
    return needs;
  }

  private static long[] unknownNeeds() {
    long[] needs = new long[KINDS.length];
    Arrays.fill(needs, UNKNOWN_COST);
    return needs;
  }

  /** Takes a request's tokens at {@code t} from every known bucket; only on a planning copy. */
  public void take(long t, long input, long output) {
    add(t, -input, -output);
  }

  /**
   * Returns copies from which a request of {@code input} and {@code output} was taken at {@code t}.
   */
  public TokenBuckets afterTake(long t, long input, long output) {
    if (!known()) {
      return this;
    }
    TokenBuckets next = copy();
    next.take(t, input, output);
    return next;
  }

  private void add(long t, long input, long output) {
    for (Kind k : KINDS) {
      if (known(k)) {
        addTo(k, t, k.need(input, output));
      }
    }
  }

  /**
   * Returns copies that learned from {@code report}, received at {@code now}; see the class doc.
   */
  public TokenBuckets afterReport(long now, TokenReport report) {
    TokenBuckets next = copy();
    for (Kind k : KINDS) {
      TokenReport.Family f = report.family(k);
      boolean taken = !Double.isNaN(report.mark(k)) && known(k);
      if (f != null) {
        taken = next.learn(now, k, f, report, taken);
      }
      if (taken) {
        // What the request reserved and did not spend (all of it when refused) comes back.
        next.addTo(k, now, k.need(report.backInput(), report.backOutput()));
      }
    }
    return next;
  }

  private void addTo(Kind k, long t, double amount) {
    int i = k.ordinal();
    long at = Math.max(t, levelAt[i]);
    level[i] = levelAt(k, at) + amount;
    levelAt[i] = at;
  }

  /**
   * Learns bucket {@code k} from family {@code f}; returns whether the copy still holds the
   * request's whole reservation, so that what it did not spend must come back.
   *
   * <p>What a report's remaining counted: the server counts a request's real input when it starts
   * (not our estimate) and its {@code max_tokens} against output, corrected when it ends; a report
   * may come before or after that correction. So the mark is read with the unspent input already
   * back, and an output bucket's report may show the unspent output back or not.
   */
  private boolean learn(long now, Kind k, TokenReport.Family f, TokenReport report, boolean taken) {
    int i = k.ordinal();
    double rate = f.limit() / 60_000.0;
    long need = k.need(report.reservedInput(), report.reservedOutput());
    boolean mayHaveRefused = report.refused() && f.remaining() - ROUNDING < need;
    // A refused request took nothing from any bucket; an answered one its real input.
    long counted = report.refused() ? need : k.need(report.backInput(), 0);
    long maybeBack = report.refused() ? 0 : k.need(0, report.backOutput());
    if (limit[i] != f.limit()) {
      // A first sight: the least the server could hold, less all this process has in flight, and
      // with the unspent output back (a report taken before the server's correction says less).
      double least = Math.max(f.remaining() - ROUNDING, full(f, 0, rate));
      double start = least - k.need(report.inFlightInput(), report.inFlightOutput());
      limit[i] = f.limit();
      level[i] =
          Math.min(f.limit(), mayHaveRefused ? Math.min(start, need - 1) : start + maybeBack);
      levelAt[i] = now;
      return false;
    }
    if (!taken) {
      // No mark to read the report against: the copy's own arithmetic stands.
      return false;
    }
    double mark = report.mark(k) + counted;
    double since = rate * report.sinceMark();
    // The server may have counted this process's other requests in another order than they took
    // from the copy: each in flight at some moment between the mark and the report may stand on
    // either side of this one, including those answered before it.
    double others = k.need(report.overlapInput(), report.overlapOutput());
    // What the report allows if the server counted it before giving back the unspent output.
    double low =
        Math.max(f.remaining() - ROUNDING, full(f, report.sinceMark(), rate)) - since - others;
    double high = f.remaining() + ROUNDING + since + others;
    if (mayHaveRefused) {
      high = Math.min(high, need - 1);
    }
    // A bucket that may have refused is read at the least the report allows: guessing high would
    // cost another refusal and its whole-second retry-after, guessing low a few hundred tokens of
    // refill.
    double corrected =
        mayHaveRefused ? Math.min(low + others, high) : corrected(mark, low, high, maybeBack);
    addTo(k, now, corrected - mark);
    return true;
  }

  /**
   * Returns {@code mark} corrected by a report that allows {@code [low, high]} if the server
   * counted it before giving back the unspent output, and {@code back} less if after. The mark
   * stands where either reading allows it, and one beyond both moves to the nearer's edge. A mark
   * between the two moves to the one it is within the rounding of, when they lie far apart; else it
   * stands. Read as one wide interval, a report could never raise a mark a few hundred tokens low
   * (the first report's rounding leaves it there): {@code back} is a whole {@code max_tokens}, so
   * the lower bound of the other reading lay far below.
   */
  private static double corrected(double mark, double low, double high, double back) {
    double highAfter = high - back;
    if (low - highAfter >= APART && mark > highAfter && mark < low) {
      if (low - mark <= ROUNDING) {
        return low;
      }
      if (mark - highAfter <= ROUNDING) {
        return highAfter;
      }
    }
    return Math.max(low - back, Math.min(high, mark));
  }

  /**
   * How far apart a report's two readings (before and after the server's correction) must be for a
   * mark near one of them to be read as that one: four roundings, so that the other is at least
   * three away.
   */
  private static final double APART = 4 * ROUNDING;

  /**
   * Returns the least level implied by the bucket being full again {@code untilFull} ms after the
   * report, counted {@code sinceMark} ms before the report at the latest; {@code -infinity} if not
   * said.
   */
  private static double full(TokenReport.Family f, long sinceMark, double rate) {
    return f.untilFull() == null
        ? Double.NEGATIVE_INFINITY
        : f.limit() - (f.untilFull() + RESET_PRECISION_MILLIS + sinceMark) * rate;
  }

  /** The API's {@code -reset} instants are whole seconds: one may be up to a second early. */
  private static final long RESET_PRECISION_MILLIS = 1_000;

  /**
   * Returns copies whose instants are {@code deltaMillis} later: the same copies on another clock.
   */
  public TokenBuckets shifted(long deltaMillis) {
    if (deltaMillis == 0) {
      return this;
    }
    TokenBuckets next = copy();
    for (int i = 0; i < KINDS.length; i++) {
      next.levelAt[i] += deltaMillis;
    }
    return next;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TokenBuckets{");
    for (Kind k : KINDS) {
      int i = k.ordinal();
      if (known(k)) {
        s.append(s.length() > 13 ? ", " : "")
            .append(k.family())
            .append(String.format(Locale.ROOT, "=%.0f/%d@%d", level[i], limit[i], levelAt[i]));
      }
    }
    return s.append('}').toString();
  }

  /** The copies as a domain's state: each bucket's limit, level (exactly) and instant. */
  private static final class State
      implements RateLimitState<TokenBuckets>, TimeShift<TokenBuckets> {
    @Override
    public String name() {
      return "bucket.tokens";
    }

    @Override
    public TokenBuckets initial() {
      return new TokenBuckets();
    }

    @Override
    public Duration idleExpiry() {
      return IDLE_EXPIRY;
    }

    @Override
    public TokenBuckets shifted(TokenBuckets value, long deltaMillis) {
      return value.shifted(deltaMillis);
    }

    @Override
    public String encode(TokenBuckets b) {
      StringBuilder s = new StringBuilder(FORMAT);
      for (int i = 0; i < KINDS.length; i++) {
        s.append(' ')
            .append(b.limit[i])
            .append(' ')
            .append(Double.toHexString(b.level[i]))
            .append(' ')
            .append(b.levelAt[i]);
      }
      return s.toString();
    }

    @Override
    public TokenBuckets decode(String text) {
      String[] f = text.split(" ");
      if (f.length != 1 + 3 * KINDS.length || !f[0].equals(FORMAT)) {
        throw new IllegalArgumentException("not token buckets of format " + FORMAT);
      }
      try {
        TokenBuckets b = new TokenBuckets();
        for (int i = 0; i < KINDS.length; i++) {
          b.limit[i] = Long.parseLong(f[1 + 3 * i]);
          b.level[i] = Double.parseDouble(f[2 + 3 * i]);
          b.levelAt[i] = Long.parseLong(f[3 + 3 * i]);
        }
        return b;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unreadable token buckets", e);
      }
    }
  }
}
