package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.internal.ratelimit.RecoveryBoard;
import dev.declaude.internal.ratelimit.SharedDomain;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The recovery signal of a rate-limit domain: callers waiting a backoff after a server error (5xx,
 * 529) register their {@link Alarm}; when an attempt succeeds and the server is evidently back,
 * their waits are cut short, in the order they started waiting, one pacer spacing apart (the first
 * at once). Without it, callers sit out jittered exponential waits of seconds after an outage has
 * ended; released all at once, they would hit a recovering server in the same instant.
 *
 * <p>What the signal knows (recent outcomes, who waits) is the domain's {@link RecoveryBoard}, kept
 * in its store: with a shared store, one process seeing the server come back releases the waiters
 * of every process of the fleet, in one order, spaced, by a message each process hears. "Back" is
 * judged as the board says: after an outage, or while the server is healthy, but not while it is
 * shedding load.
 *
 * <p>During an outage, each failure to serve sends the backoff that ends first out early, as a
 * probe, so that the domain finds the server back within a small share of the time it was away (see
 * {@link RecoveryBoard}); it goes by the same message, and its waiter hears it was a probe. A probe
 * that fails sends its call back to the rest of its backoff, counting no attempt (see {@link
 * RetryCall}).
 *
 * <p>Waits the server asked for ({@code retry-after}) are never cut below what it asked.
 *
 * <p>Thread-safe.
 */
final class Recovery {
  /** Failures to serve, with no success between them, after which a success ends an outage. */
  static final int OUTAGE_FAILURES = RecoveryBoard.OUTAGE_FAILURES;

  /** How long without a success counts as an outage rather than a busy server. */
  static final long OUTAGE_MILLIS = RecoveryBoard.OUTAGE_MILLIS;

  /** The most recent outcomes judged for the failure share. */
  static final int WINDOW = RecoveryBoard.WINDOW;

  /** The failure share at or below which the server counts as healthy. */
  static final double HEALTHY_FAILURE_SHARE = RecoveryBoard.HEALTHY_FAILURE_SHARE;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SharedDomain domain;
  private final LongSupplier clock;

  /** Tells this process's waiters apart from other processes' on the shared board. */
  private final String tag = randomTag();

  private long sequence;
  private final Map<String, Alarm> waiting = new LinkedHashMap<>();
  private final Map<Alarm, String> ids = new IdentityHashMap<>();

  /** Held here: stores hold their listeners weakly. */
  private final BiConsumer<String, Long> listener = this::released;

  /** Told of every release: the server is back. */
  private final Runnable onRelease;

  Recovery(SharedDomain domain, LongSupplier clock) {
    this(domain, clock, () -> {});
  }

  /**
   * As {@link #Recovery(SharedDomain, LongSupplier)}, running {@code onRelease} on each release.
   */
  Recovery(SharedDomain domain, LongSupplier clock, Runnable onRelease) {
    this.domain = domain;
    this.clock = clock;
    this.onRelease = onRelease;
    domain.subscribe(listener);
  }

  /** Registers a backoff wait that may end early. */
  void waiting(Alarm alarm) {
    String id;
    synchronized (this) {
      id = tag + "-" + ++sequence;
      waiting.put(id, alarm);
      ids.put(alarm, id);
    }
    long local = clock.getAsLong();
    long due = alarm.dueMillis();
    long earliest = alarm.earliestMillis();
    domain.later(
        RecoveryBoard.STATE,
        local,
        (board, storeNow) ->
            board.withWaiter(
                new RecoveryBoard.Waiter(id, storeNow + due - local, storeNow + earliest - local),
                storeNow),
        done -> {});
  }

  /**
   * Returns the waits registered now, oldest first; for tests that drive a late early end by hand.
   */
  synchronized List<Alarm> waitingNow() {
    return List.copyOf(waiting.values());
  }

  /** Removes a wait that ended (or was abandoned). */
  void done(Alarm alarm) {
    String id;
    synchronized (this) {
      id = ids.remove(alarm);
      if (id == null) {
        return;
      }
      waiting.remove(id);
    }
    domain.later(RecoveryBoard.STATE, (board, storeNow) -> board.withoutWaiter(id), done -> {});
  }

  /**
   * Records a failed attempt; only the server failing to serve (5xx, 529, timeouts, broken
   * connections) counts. During an outage it may send a waiting backoff out early as a probe.
   */
  void failed(ErrorKind kind) {
    if (!(kind.isWithin(ErrorKind.SERVER)
        || kind == ErrorKind.TIMEOUT
        || kind == ErrorKind.CONNECTION)) {
      return;
    }
    RecoveryBoard.Slot[] probe = {null};
    domain.later(
        RecoveryBoard.STATE,
        clock.getAsLong(),
        (board, storeNow) -> {
          RecoveryBoard.Failure failure = board.afterFailure(storeNow);
          probe[0] = failure.probe();
          return failure.board();
        },
        done -> {
          if (probe[0] != null) {
            domain.publish(RecoveryBoard.probeMessage(probe[0]));
          }
        });
  }

  /**
   * Signals a success: when the server is back (see the class doc), every registered wait of the
   * domain ends, FIFO, {@code spacing} ms apart.
   */
  void succeeded(long now, long spacing) {
    // The update may run on the store's thread, the callback on another: a reference both see.
    AtomicReference<List<RecoveryBoard.Slot>> released = new AtomicReference<>(List.of());
    domain.later(
        RecoveryBoard.STATE,
        now,
        (board, storeNow) -> {
          RecoveryBoard.Success success = board.afterSuccess(storeNow, spacing);
          released.set(success.released());
          return success.board();
        },
        done -> {
          List<RecoveryBoard.Slot> slots = released.get();
          if (!slots.isEmpty()) {
            domain.publish(RecoveryBoard.releaseMessage(slots));
          }
        });
  }

  /**
   * Ends the waits of this process that a release or probe message names, at their slots on this
   * clock.
   */
  private void released(String message, Long offset) {
    boolean probe = RecoveryBoard.isProbe(message);
    List<RecoveryBoard.Slot> slots = RecoveryBoard.parseRelease(message);
    if (!probe && !slots.isEmpty()) {
      onRelease.run();
    }
    for (RecoveryBoard.Slot slot : slots) {
      Alarm alarm;
      synchronized (this) {
        // A probe that fails waits again under a new id: the board keeps this one until it is done.
        alarm = probe ? waiting.get(slot.id()) : waiting.remove(slot.id());
        if (alarm != null && !probe) {
          ids.remove(alarm);
        }
      }
      if (alarm != null) {
        if (probe) {
          alarm.probeAt(slot.at() - offset);
        } else {
          alarm.moveTo(slot.at() - offset);
        }
      }
    }
  }

  private static String randomTag() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public synchronized String toString() {
    return "Recovery{waiting=" + waiting.size() + '}';
  }
}
