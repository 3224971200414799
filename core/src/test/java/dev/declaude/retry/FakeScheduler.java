package dev.declaude.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Schedules tasks on virtual time and runs them only when asked, recording each delay. */
public final class FakeScheduler implements RetryScheduler {
  private final FakeTime time;
  private final List<Task> pending = new ArrayList<>();
  private final List<Long> delays = new ArrayList<>();
  private long sequence;

  public FakeScheduler(FakeTime time) {
    this.time = time;
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    delays.add(delay.toMillis());
    notifyAll();
    Task t = new Task(time.millis() + delay.toMillis(), sequence++, task);
    pending.add(t);
    return () -> t.cancelled = true;
  }

  /** Runs the earliest pending task, advancing time to it; returns false if none is pending. */
  public boolean runNext() {
    Task next;
    synchronized (this) {
      pending.removeIf(t -> t.cancelled);
      if (pending.isEmpty()) {
        return false;
      }
      next =
          pending.stream()
              .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq))
              .get();
      pending.remove(next);
    }
    time.advance(Math.max(0, next.due - time.millis()));
    next.task.run();
    return true;
  }

  /** Runs pending tasks, in due order, until none is left. */
  public void runAll() {
    while (runNext()) {
      // keep going
    }
  }

  /** Waits (real time, a hand-off between threads) until {@code n} tasks were ever scheduled. */
  public synchronized void awaitScheduled(int n) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (delays.size() < n && System.nanoTime() < end) {
      wait(1_000);
    }
  }

  public synchronized List<Long> delays() {
    return List.copyOf(delays);
  }

  public synchronized int pendingCount() {
    pending.removeIf(t -> t.cancelled);
    return pending.size();
  }

  private static final class Task {
    final long due;
    final long seq;
    final Runnable task;
    volatile boolean cancelled;

    Task(long due, long seq, Runnable task) {
      this.due = due;
      this.seq = seq;
      this.task = task;
    }
  }
}
