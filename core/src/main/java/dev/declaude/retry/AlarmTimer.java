package dev.declaude.retry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task once, on the scheduler, when an {@link Alarm} is due, and again earlier whenever the
 * alarm moves earlier. Each timer owns the scheduled task it made: a move that arrives late, after
 * the task ran or after the call went on to its next wait, touches only this timer, never the next
 * one.
 *
 * <p>Thread-safe: the alarm may move on any thread while the scheduler runs the task on another.
 */
final class AlarmTimer {
  private final RetryScheduler scheduler;
  private final TimeSource time;
  private final Alarm alarm;
  private final Runnable task;
  private final AtomicBoolean ran = new AtomicBoolean();
  private RetryScheduler.Cancellable scheduled;
  private boolean cancelled;

  private AlarmTimer(RetryScheduler scheduler, TimeSource time, Alarm alarm, Runnable task) {
    this.scheduler = scheduler;
    this.time = time;
    this.alarm = alarm;
    this.task = task;
  }

  /**
   * Schedules {@code task} for when {@code alarm} is due, following its moves; returns the timer.
   */
  static AlarmTimer start(RetryScheduler scheduler, TimeSource time, Alarm alarm, Runnable task) {
    AlarmTimer timer = new AlarmTimer(scheduler, time, alarm, task);
    alarm.onMoved(timer::schedule);
    timer.schedule();
    return timer;
  }

  private synchronized void schedule() {
    if (cancelled || ran.get()) {
      return;
    }
    if (scheduled != null) {
      scheduled.cancel();
    }
    long left = Math.max(0, alarm.dueMillis() - time.millis());
    scheduled = scheduler.schedule(this::fire, Duration.ofMillis(left));
  }

  private void fire() {
    if (ran.compareAndSet(false, true)) {
      task.run();
    }
  }

  /** Stops the timer: the task will not run unless it already has. */
  synchronized void cancel() {
    cancelled = true;
    if (scheduled != null) {
      scheduled.cancel();
    }
  }
}
