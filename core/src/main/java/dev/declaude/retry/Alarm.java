package dev.declaude.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The end of a retry wait that may come early: a backoff after a server error, which the engine
 * ends sooner once another attempt of the same client has succeeded (the server is healthy again),
 * or, during an outage, to probe whether the server is back. Handed to {@link Sleeper#sleepUntil};
 * it only ever moves earlier, and never before the server's {@code retry-after} for the failed
 * request.
 *
 * <p>Thread-safe: the waiting thread reads it while a succeeding thread moves it.
 */
public final class Alarm {
  private final Duration planned;
  private final long earliest;
  private final long plannedDue;
  private long due;
  private boolean moved;
  private boolean probed;
  private Runnable onMoved = () -> {};

  Alarm(long startMillis, long plannedMillis, long leastMillis) {
    this.planned = Duration.ofMillis(plannedMillis);
    this.due = startMillis + plannedMillis;
    this.plannedDue = due;
    this.earliest = startMillis + Math.min(leastMillis, plannedMillis);
  }

  /** Returns the wait planned when the alarm was set, before any early end. */
  public Duration planned() {
    return planned;
  }

  /**
   * Returns when the wait ends, in the engine's {@link TimeSource#millis()}; it may move earlier.
   */
  public synchronized long dueMillis() {
    return due;
  }

  /**
   * Waits on the calling thread until {@code time} reaches {@link #dueMillis()}, waking when the
   * alarm moves earlier.
   *
   * @throws InterruptedException if the thread is interrupted before or while waiting
   */
  public synchronized void await(TimeSource time) throws InterruptedException {
    long left;
    while ((left = due - time.millis()) > 0) {
      TimeUnit.MILLISECONDS.timedWait(this, left);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted at the end of a retry wait");
    }
  }

  /**
   * Returns the earliest the wait may end: the server's {@code retry-after}, if it asked for one.
   */
  long earliestMillis() {
    return earliest;
  }

  /** Returns whether the wait was moved earlier than planned. */
  synchronized boolean movedEarlier() {
    return moved;
  }

  /** Runs {@code hook} (outside the alarm's lock) whenever the alarm moves earlier. */
  synchronized void onMoved(Runnable hook) {
    this.onMoved = hook;
  }

  /** Returns when the wait was planned to end, before any early end. */
  long plannedDueMillis() {
    return plannedDue;
  }

  /** Returns whether the wait was moved earlier to probe whether the server is back. */
  synchronized boolean probed() {
    return probed;
  }

  /**
   * Moves the end to {@code millis} if that is earlier, but not before the least wait; returns
   * whether it moved.
   */
  boolean moveTo(long millis) {
    return move(millis, false);
  }

  /** As {@link #moveTo}, for a probe of a server that may still be down. */
  boolean probeAt(long millis) {
    return move(millis, true);
  }

  private boolean move(long millis, boolean probe) {
    Runnable hook;
    synchronized (this) {
      long target = Math.max(millis, earliest);
      if (target >= due) {
        return false;
      }
      due = target;
      moved = true;
      probed = probe;
      notifyAll();
      hook = onMoved;
    }
    hook.run();
    return true;
  }

  @Override
  public synchronized String toString() {
    return "Alarm{planned=" + planned.toMillis() + "ms, due=" + due + '}';
  }
}
