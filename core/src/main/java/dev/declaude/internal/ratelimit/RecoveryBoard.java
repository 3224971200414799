package dev.declaude.internal.ratelimit;

import dev.declaude.ratelimit.RateLimitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the recovery signal of a domain knows: the recent outcomes of its requests (has the server
 * failed to serve for a while, is it healthy) and the backoffs after server errors that a success
 * may end early, each under the id of the caller waiting it out. The domain's state, so that in a
 * fleet one process seeing the server come back releases every process's waiters, in the order they
 * started waiting, one spacing apart.
 *
 * <p>"Back" is judged from recent outcomes, because a success means different things. After an
 * outage (at least {@link #OUTAGE_FAILURES} failures to serve and no success for {@link
 * #OUTAGE_MILLIS} ms) the first success says the server is up again: release. While the server is
 * healthy (at most {@link #HEALTHY_FAILURE_SHARE} of the last {@link #WINDOW} outcomes failed) a
 * stray error's backoff need not be sat out: release. But while the server is shedding load (some
 * calls succeed, many get 529), a success only says it had room for that one call: the backoffs
 * stay, or the retries would go straight back into the overload.
 *
 * <p>During an outage (only failures, for at least {@link #OUTAGE_MILLIS}) the board also keeps the
 * fleet looking: each failure to serve moves the backoff that ends first to end within a
 * {@linkplain #probeGap share of the outage's length} (the <em>probe</em>), unless it ends that
 * soon of itself. Without it, whether anyone finds the server back soon after it is depends on
 * where the callers' jittered backoffs happen to fall: after a 3 s outage, 16 callers left gaps of
 * over 400 ms with nobody asking. With it, one retry of the domain is in the air at least every
 * {@link #PROBE_MIN_MILLIS} ms at first, spaced out as the outage lasts (one 32nd of its length, at
 * most {@link #PROBE_MAX_MILLIS} ms): a long outage costs a few hundred probes, each a retry its
 * caller was going to make anyway, only sooner.
 *
 * <p>Instants are in the clock of the store that keeps the board. Immutable.
 */
public final class RecoveryBoard {
  /** Failures to serve, with no success between them, after which a success ends an outage. */
  public static final int OUTAGE_FAILURES = 2;

  /** How long without a success counts as an outage rather than a busy server. */
  public static final long OUTAGE_MILLIS = 1_000;

  /** The most recent outcomes judged for the failure share. */
  public static final int WINDOW = 20;

  /** The failure share at or below which the server counts as healthy. */
  public static final double HEALTHY_FAILURE_SHARE = 0.1;

  /** The least gap between two probes of an outage, in ms. */
  public static final long PROBE_MIN_MILLIS = 100;

  /** The most gap between two probes of an outage, in ms. */
  public static final long PROBE_MAX_MILLIS = 2_000;

  /** The share of an outage's length by which a probe follows the failure before it: 1/32. */
  static final int PROBE_DIVISOR = 32;

  /** The state of a domain's board. */
  public static final RateLimitState<RecoveryBoard> STATE = new BoardState();

  private static final String FORMAT = "r2";
  private static final String RELEASE = "release";
  private static final String PROBE = "probe";
  private static final long NONE = Long.MIN_VALUE;

  private final boolean[] failedRing;
  private final int outcomes;
  private final int failuresSinceSuccess;
  private final long lastSuccessAt;

  /** When the first failure since the last success came; NONE while none has. */
  private final long failingSince;

  private final List<Waiter> waiting;

  /** A backoff that may end early: its caller's id, when it ends, and the earliest it may end. */
  public record Waiter(String id, long due, long earliest) {}

  /** When a released waiter's backoff now ends. */
  public record Slot(String id, long at) {}

  /**
   * A board after a success, and the waiters the success released, in order, with their new ends.
   */
  public record Success(RecoveryBoard board, List<Slot> released) {}

  /**
   * A board after a failure, and the waiter the failure sends to probe the server with its new end;
   * {@code null} when none goes early.
   */
  public record Failure(RecoveryBoard board, Slot probe) {}

  private RecoveryBoard(
      boolean[] failedRing,
      int outcomes,
      int failuresSinceSuccess,
      long lastSuccessAt,
      long failingSince,
      List<Waiter> waiting) {
    this.failedRing = failedRing;
    this.outcomes = outcomes;
    this.failuresSinceSuccess = failuresSinceSuccess;
    this.lastSuccessAt = lastSuccessAt;
    this.failingSince = failingSince;
    this.waiting = waiting;
  }

  /** Returns a board that has seen nothing. */
  public static RecoveryBoard empty() {
    return new RecoveryBoard(new boolean[WINDOW], 0, 0, NONE, NONE, List.of());
  }

  /** Returns the ids of the waiters, oldest first. */
  public List<String> waitingIds() {
    return waiting.stream().map(Waiter::id).toList();
  }

  /**
   * Returns the board with {@code waiter} added last, forgetting waits that have ended by {@code
   * now}.
   */
  public RecoveryBoard withWaiter(Waiter waiter, long now) {
    List<Waiter> next = new ArrayList<>(waiting.size() + 1);
    for (Waiter w : waiting) {
      // A wait that ended long ago belongs to a caller that left (or a process that died).
      if (w.due() >= now) {
        next.add(w);
      }
    }
    next.add(waiter);
    return withWaiting(List.copyOf(next));
  }

  /** Returns the board without the waiter {@code id}, or this board when it has none such. */
  public RecoveryBoard withoutWaiter(String id) {
    if (waiting.stream().noneMatch(w -> w.id().equals(id))) {
      return this;
    }
    return withWaiting(waiting.stream().filter(w -> !w.id().equals(id)).toList());
  }

  /**
   * Returns the board after a failure to serve (5xx, 529, a timeout, a broken connection) at {@code
   * now}, and, during an outage (failures only, for at least {@link #OUTAGE_MILLIS}), the waiter it
   * sends to probe the server: the one whose backoff ends first, moved to end {@link #probeGap} ms
   * from now, when it would end later (and its server's {@code retry-after} allows).
   */
  public Failure afterFailure(long now) {
    int failures = failuresSinceSuccess + 1;
    long since = failuresSinceSuccess == 0 || failingSince == NONE ? now : failingSince;
    RecoveryBoard next =
        new RecoveryBoard(recorded(true), counted(), failures, lastSuccessAt, since, waiting);
    // Probes start once the server has failed everything for a while: two failures in a row are
    // not yet an outage worth looking into.
    if (!inOutage(failures, now) || now - since < OUTAGE_MILLIS) {
      return new Failure(next, null);
    }
    Waiter first = null;
    for (Waiter w : waiting) {
      // A wait already over belongs to a caller retrying now, or one that left.
      if (w.due() > now && (first == null || w.due() < first.due())) {
        first = w;
      }
    }
    if (first == null) {
      return new Failure(next, null);
    }
    long slot = Math.max(now + probeGap(now - since), first.earliest());
    if (slot >= first.due()) {
      return new Failure(next, null);
    }
    Waiter chosen = first;
    Waiter probe = new Waiter(first.id(), slot, first.earliest());
    List<Waiter> moved = waiting.stream().map(w -> w == chosen ? probe : w).toList();
    return new Failure(next.withWaiting(moved), new Slot(probe.id(), slot));
  }

  /**
   * Returns how long after a failure the next probe of an outage that has lasted {@code
   * outageMillis} goes: a 32nd of its length, within {@link #PROBE_MIN_MILLIS} and {@link
   * #PROBE_MAX_MILLIS}. So the fleet finds the server back within about 3 % of the time it was
   * away, and an outage of length T costs about 32 × ln(T / 3.2 s) probes beyond its first seconds.
   */
  public static long probeGap(long outageMillis) {
    long share = Math.max(0, outageMillis) / PROBE_DIVISOR;
    return Math.min(PROBE_MAX_MILLIS, Math.max(PROBE_MIN_MILLIS, share));
  }

  /** Whether {@code failures} in a row, at {@code now}, mean the server is down, not busy. */
  private boolean inOutage(int failures, long now) {
    return failures >= OUTAGE_FAILURES
        && (lastSuccessAt == NONE || now - lastSuccessAt >= OUTAGE_MILLIS);
  }

  private RecoveryBoard withWaiting(List<Waiter> next) {
    return new RecoveryBoard(
        failedRing, outcomes, failuresSinceSuccess, lastSuccessAt, failingSince, next);
  }

  /**
   * Returns the board after a success at {@code now}: when the server is back (see the class doc),
   * every waiter is released, the first at {@code now} and each next {@code spacing} ms later; a
   * wait already ending sooner than its slot keeps its own end and takes no slot.
   */
  public Success afterSuccess(long now, long spacing) {
    boolean outageEnded = inOutage(failuresSinceSuccess, now);
    boolean healthy = failureShare() <= HEALTHY_FAILURE_SHARE;
    boolean release = !waiting.isEmpty() && (outageEnded || healthy);
    List<Slot> released = new ArrayList<>();
    if (release) {
      long at = now;
      for (Waiter w : waiting) {
        long slot = Math.max(at, w.earliest());
        if (slot < w.due()) {
          released.add(new Slot(w.id(), slot));
          at += spacing;
        }
      }
    }
    RecoveryBoard next =
        new RecoveryBoard(recorded(false), counted(), 0, now, NONE, release ? List.of() : waiting);
    return new Success(next, List.copyOf(released));
  }

  /** Returns the message that tells every process of the domain which of its waiters end when. */
  public static String releaseMessage(List<Slot> released) {
    StringBuilder text = new StringBuilder(RELEASE);
    for (Slot s : released) {
      text.append(' ').append(s.id()).append('=').append(s.at());
    }
    return text.toString();
  }

  /** Returns the message that tells the process of {@code probe}'s waiter when it goes. */
  public static String probeMessage(Slot probe) {
    return PROBE + ' ' + probe.id() + '=' + probe.at();
  }

  /** Returns whether {@code message} is a {@link #probeMessage}. */
  public static boolean isProbe(String message) {
    return message.startsWith(PROBE + ' ');
  }

  /**
   * Returns the slots of a {@link #releaseMessage} or {@link #probeMessage}, or an empty list if
   * {@code message} is neither.
   */
  public static List<Slot> parseRelease(String message) {
    String[] f = message.split(" ");
    if (f.length == 0 || !(f[0].equals(RELEASE) || f[0].equals(PROBE))) {
      return List.of();
    }
    List<Slot> slots = new ArrayList<>(f.length - 1);
    try {
      for (int i = 1; i < f.length; i++) {
        int eq = f[i].lastIndexOf('=');
        slots.add(new Slot(f[i].substring(0, eq), Long.parseLong(f[i].substring(eq + 1))));
      }
    } catch (RuntimeException e) {
      return List.of();
    }
    return slots;
  }

  /** Returns the failure share of the recent outcomes, for a description. */
  public double failureShare() {
    int n = Math.min(outcomes, WINDOW);
    if (n == 0) {
      return 0;
    }
    int failed = 0;
    for (int i = 0; i < n; i++) {
      failed += failedRing[i] ? 1 : 0;
    }
    return failed / (double) n;
  }

  /**
   * Returns the count after one more outcome, kept below twice the window: only its position in the
   * ring matters past one window.
   */
  private int counted() {
    int next = outcomes + 1;
    return next >= 2 * WINDOW ? WINDOW + next % WINDOW : next;
  }

  private boolean[] recorded(boolean failed) {
    boolean[] ring = failedRing.clone();
    ring[outcomes % WINDOW] = failed;
    return ring;
  }

  private static final class BoardState
      implements RateLimitState<RecoveryBoard>, TimeShift<RecoveryBoard> {
    @Override
    public String name() {
      return "recovery";
    }

    @Override
    public RecoveryBoard initial() {
      return empty();
    }

    @Override
    public Duration idleExpiry() {
      return Duration.ofMinutes(10);
    }

    @Override
    public RecoveryBoard shifted(RecoveryBoard b, long deltaMillis) {
      List<Waiter> moved =
          b.waiting.stream()
              .map(w -> new Waiter(w.id(), w.due() + deltaMillis, w.earliest() + deltaMillis))
              .toList();
      long last = b.lastSuccessAt == NONE ? NONE : b.lastSuccessAt + deltaMillis;
      long since = b.failingSince == NONE ? NONE : b.failingSince + deltaMillis;
      return new RecoveryBoard(
          b.failedRing, b.outcomes, b.failuresSinceSuccess, last, since, moved);
    }

    @Override
    public String encode(RecoveryBoard b) {
      StringBuilder text =
          new StringBuilder(FORMAT)
              .append(' ')
              .append(b.outcomes)
              .append(' ')
              .append(b.failuresSinceSuccess)
              .append(' ')
              .append(b.lastSuccessAt)
              .append(' ')
              .append(b.failingSince)
              .append(' ');
      for (boolean failed : b.failedRing) {
        text.append(failed ? '1' : '0');
      }
      for (Waiter w : b.waiting) {
        text.append(' ')
            .append(w.id())
            .append(' ')
            .append(w.due())
            .append(' ')
            .append(w.earliest());
      }
      return text.toString();
    }

    @Override
    public RecoveryBoard decode(String text) {
      String[] f = text.split(" ");
      if (f.length < 6
          || (f.length - 6) % 3 != 0
          || !f[0].equals(FORMAT)
          || f[5].length() != WINDOW) {
        throw new IllegalArgumentException("not a recovery board of format " + FORMAT);
      }
      try {
        boolean[] ring = new boolean[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
          ring[i] = f[5].charAt(i) == '1';
        }
        List<Waiter> waiting = new ArrayList<>();
        for (int i = 6; i < f.length; i += 3) {
          waiting.add(new Waiter(f[i], Long.parseLong(f[i + 1]), Long.parseLong(f[i + 2])));
        }
        return new RecoveryBoard(
            ring,
            Integer.parseInt(f[1]),
            Integer.parseInt(f[2]),
            Long.parseLong(f[3]),
            Long.parseLong(f[4]),
            List.copyOf(waiting));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unreadable recovery board", e);
      }
    }
  }
}
