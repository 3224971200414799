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

  /** The state of a domain's board. */
  public static final RateLimitState<RecoveryBoard> STATE = new BoardState();

  private static final String FORMAT = "r1";
  private static final String RELEASE = "release";
  private static final long NONE = Long.MIN_VALUE;

  private final boolean[] failedRing;
  private final int outcomes;
  private final int failuresSinceSuccess;
  private final long lastSuccessAt;
  private final List<Waiter> waiting;

  /** A backoff that may end early: its caller's id, when it ends, and the earliest it may end. */
  public record Waiter(String id, long due, long earliest) {}

  /** When a released waiter's backoff now ends. */
  public record Slot(String id, long at) {}

  /**
   * A board after a success, and the waiters the success released, in order, with their new ends.
   */
  public record Success(RecoveryBoard board, List<Slot> released) {}

  private RecoveryBoard(
      boolean[] failedRing,
      int outcomes,
      int failuresSinceSuccess,
      long lastSuccessAt,
      List<Waiter> waiting) {
    this.failedRing = failedRing;
    this.outcomes = outcomes;
    this.failuresSinceSuccess = failuresSinceSuccess;
    this.lastSuccessAt = lastSuccessAt;
    this.waiting = waiting;
  }

  /** Returns a board that has seen nothing. */
  public static RecoveryBoard empty() {
    return new RecoveryBoard(new boolean[WINDOW], 0, 0, NONE, List.of());
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
    return new RecoveryBoard(
        failedRing, outcomes, failuresSinceSuccess, lastSuccessAt, List.copyOf(next));
  }

  /** Returns the board without the waiter {@code id}, or this board when it has none such. */
  public RecoveryBoard withoutWaiter(String id) {
    if (waiting.stream().noneMatch(w -> w.id().equals(id))) {
      return this;
    }
    List<Waiter> next = waiting.stream().filter(w -> !w.id().equals(id)).toList();
    return new RecoveryBoard(failedRing, outcomes, failuresSinceSuccess, lastSuccessAt, next);
  }

  /** Returns the board after a failure to serve (5xx, 529, a timeout, a broken connection). */
  public RecoveryBoard afterFailure() {
    return new RecoveryBoard(
        recorded(true), counted(), failuresSinceSuccess + 1, lastSuccessAt, waiting);
  }

  /**
   * Returns the board after a success at {@code now}: when the server is back (see the class doc),
   * every waiter is released, the first at {@code now} and each next {@code spacing} ms later; a
   * wait already ending sooner than its slot keeps its own end and takes no slot.
   */
  public Success afterSuccess(long now, long spacing) {
    boolean outageEnded =
        failuresSinceSuccess >= OUTAGE_FAILURES
            && (lastSuccessAt == NONE || now - lastSuccessAt >= OUTAGE_MILLIS);
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
        new RecoveryBoard(recorded(false), counted(), 0, now, release ? List.of() : waiting);
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

  /**
   * Returns the slots of a {@link #releaseMessage}, or an empty list if {@code message} is not one.
   */
  public static List<Slot> parseRelease(String message) {
    String[] f = message.split(" ");
    if (f.length == 0 || !f[0].equals(RELEASE)) {
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
      return new RecoveryBoard(b.failedRing, b.outcomes, b.failuresSinceSuccess, last, moved);
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
      if (f.length < 5
          || (f.length - 5) % 3 != 0
          || !f[0].equals(FORMAT)
          || f[4].length() != WINDOW) {
        throw new IllegalArgumentException("not a recovery board of format " + FORMAT);
      }
      try {
        boolean[] ring = new boolean[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
          ring[i] = f[4].charAt(i) == '1';
        }
        List<Waiter> waiting = new ArrayList<>();
        for (int i = 5; i < f.length; i += 3) {
          waiting.add(new Waiter(f[i], Long.parseLong(f[i + 1]), Long.parseLong(f[i + 2])));
        }
        return new RecoveryBoard(
            ring,
            Integer.parseInt(f[1]),
            Integer.parseInt(f[2]),
            Long.parseLong(f[3]),
            List.copyOf(waiting));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unreadable recovery board", e);
      }
    }
  }
}
