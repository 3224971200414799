package dev.declaude.retry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The client-wide recovery signal: callers waiting a backoff after a server error (5xx, 529) register
 * their {@link Alarm}; when any attempt of the client succeeds, the server is evidently healthy, so their
 * waits are cut short, in the order they started waiting, one pacer spacing apart (the first at once).
 * Without it, callers sit out jittered exponential waits of seconds after an outage has ended; released
 * all at once, they would hit a recovering server in the same instant.
 *
 * <p>Waits the server asked for ({@code retry-after}) are never cut below what it asked.
 *
 * <p>Thread-safe.
 */
final class Recovery {
  private final Set<Alarm> waiting = new LinkedHashSet<>();
  private volatile boolean anyWaiting;

  /** Registers a backoff wait that may end early. */
  synchronized void waiting(Alarm alarm) {
    waiting.add(alarm);
    anyWaiting = true;
  }

  /** Removes a wait that ended (or was abandoned). */
  synchronized void done(Alarm alarm) {
    waiting.remove(alarm);
    anyWaiting = !waiting.isEmpty();
  }

  /** Signals a success at {@code now}: every registered wait ends, FIFO, {@code spacing} ms apart. */
  void succeeded(long now, long spacing) {
    if (!anyWaiting) {
      // The common case, a healthy client: no lock on the success path.
      return;
    }
    List<Alarm> released;
    synchronized (this) {
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

  @Override
  public synchronized String toString() {
    return "Recovery{waiting=" + waiting.size() + '}';
  }
}
