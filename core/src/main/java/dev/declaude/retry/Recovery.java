package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The client-wide recovery signal: callers waiting a backoff after a server error (5xx, 529) register
 * their {@link Alarm}; when an attempt of the client succeeds and the server is evidently back, their waits
 * are cut short, in the order they started waiting, one pacer spacing apart (the first at once). Without
 * it, callers sit out jittered exponential waits of seconds after an outage has ended; released all at
 * once, they would hit a recovering server in the same instant.
 *
 * <p>"Back" is judged from recent outcomes, because a success means different things. After an outage
 * (at least {@link #OUTAGE_FAILURES} failures to serve and no success for {@link #OUTAGE_MILLIS} ms) the
 * first success says the server is up again: release. While the server is healthy (at most {@link
 * #HEALTHY_FAILURE_SHARE} of the last {@link #WINDOW} outcomes failed) a stray error's backoff need not be
 * sat out: release. But while the server is shedding load (some calls succeed, many get 529), a success
 * only says it had room for that one call: the backoffs stay, or the retries would go straight back into
 * the overload.
 *
 * <p>Waits the server asked for ({@code retry-after}) are never cut below what it asked.
 *
 * <p>Thread-safe.
 */
final class Recovery {
  /** Failures to serve, with no success between them, after which a success ends an outage. */
  static final int OUTAGE_FAILURES = 2;

  /** How long without a success counts as an outage rather than a busy server. */
  static final long OUTAGE_MILLIS = 1_000;

  /** The most recent outcomes judged for the failure share. */
  static final int WINDOW = 20;

  /** The failure share at or below which the server counts as healthy. */
  static final double HEALTHY_FAILURE_SHARE = 0.1;

  private final Set<Alarm> waiting = new LinkedHashSet<>();
  private volatile boolean anyWaiting;
  private final boolean[] failedRing = new boolean[WINDOW];
  private int outcomes;
  private int failuresSinceSuccess;
  private long lastSuccessAt = Long.MIN_VALUE;

  /** Registers a backoff wait that may end early. */
  synchronized void waiting(Alarm alarm) {
    waiting.add(alarm);
    anyWaiting = true;
  }

  /** Returns the waits registered now, oldest first; for tests that drive a late early end by hand. */
  synchronized List<Alarm> waitingNow() {
    return List.copyOf(waiting);
  }

  /** Removes a wait that ended (or was abandoned). */
  synchronized void done(Alarm alarm) {
    waiting.remove(alarm);
    anyWaiting = !waiting.isEmpty();
  }

  /** Records a failed attempt; only the server failing to serve (5xx, 529, timeouts, broken connections) counts. */
  synchronized void failed(ErrorKind kind) {
    if (kind.isWithin(ErrorKind.SERVER) || kind == ErrorKind.TIMEOUT || kind == ErrorKind.CONNECTION) {
      failuresSinceSuccess++;
      record(true);
    }
  }

  /**
   * Signals a success at {@code now}: when the server is back (see the class doc), every registered wait
   * ends, FIFO, {@code spacing} ms apart.
   */
  void succeeded(long now, long spacing) {
    List<Alarm> released;
    synchronized (this) {
      boolean outageEnded =
          failuresSinceSuccess >= OUTAGE_FAILURES
              && (lastSuccessAt == Long.MIN_VALUE || now - lastSuccessAt >= OUTAGE_MILLIS);
      boolean healthy = failureShare() <= HEALTHY_FAILURE_SHARE;
      record(false);
      failuresSinceSuccess = 0;
      lastSuccessAt = now;
      if (!anyWaiting || !(outageEnded || healthy)) {
        return;
      }
      released = new ArrayList<>(waiting);
      waiting.clear();
      anyWaiting = false;
    }
    long at = now;
    for (Alarm alarm : released) {
      // A wait already ending sooner than its slot keeps its own end and does not take a slot.
      if (alarm.moveTo(at)) {
        at += spacing;
      }
    }
  }

  private void record(boolean failed) {
    failedRing[outcomes % WINDOW] = failed;
    outcomes++;
  }

  private double failureShare() {
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

  @Override
  public synchronized String toString() {
    return "Recovery{waiting=" + waiting.size() + ", failureShare=" + failureShare() + '}';
  }
}
