package dev.declaude.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Virtual time: a clock that moves only when slept on or advanced, recording every sleep. */
public final class FakeTime implements TimeSource, Sleeper {
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private long millis;
  private final List<Long> sleeps = new ArrayList<>();
  private int interruptAtSleep = -1;
  private boolean blockOnAlarms;
  private int alarmWaiters;

  @Override
  public synchronized long millis() {
    return millis;
  }

  @Override
  public synchronized Instant now() {
    return EPOCH.plusMillis(millis);
  }

  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted() || sleeps.size() == interruptAtSleep) {
      throw new InterruptedException("fake interrupt");
    }
    sleeps.add(duration.toMillis());
    millis += duration.toMillis();
  }

  /**
   * Waits on an alarm. By default like {@link #sleep} of the planned wait (the clock jumps to its
   * end). With {@link #blockOnAlarms()}, the calling thread blocks until the test's clock reaches
   * the alarm's due time, which a success on another thread may move earlier; the time actually
   * waited is recorded.
   */
  @Override
  public void sleepUntil(Alarm alarm) throws InterruptedException {
    long start;
    synchronized (this) {
      if (!blockOnAlarms) {
        sleep(alarm.planned());
        return;
      }
      start = millis;
      alarmWaiters++;
      notifyAll();
    }
    synchronized (alarm) {
      while (alarm.dueMillis() > millis()) {
        alarm.wait(
            5); // only a hand-off between test threads; the result depends on the fake clock alone
      }
    }
    synchronized (this) {
      alarmWaiters--;
      sleeps.add(millis - start);
    }
  }

  /** Makes {@link #sleepUntil} block until the fake clock reaches the alarm. */
  public synchronized void blockOnAlarms() {
    blockOnAlarms = true;
  }

  /** Waits (real time, briefly) until {@code n} threads are blocked in {@link #sleepUntil}. */
  public synchronized void awaitAlarmWaiters(int n) throws InterruptedException {
    while (alarmWaiters < n) {
      wait(5_000);
    }
  }

  public synchronized void advance(long byMillis) {
    millis += byMillis;
  }

  /**
   * Makes the sleep with this index (0 for the first) throw InterruptedException instead of
   * sleeping.
   */
  public synchronized void interruptSleep(int index) {
    interruptAtSleep = index;
  }

  public synchronized List<Long> sleeps() {
    return List.copyOf(sleeps);
  }
}
