package dev.declaude.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Virtual time: a clock that moves only when slept on or advanced, recording every sleep. */
final class FakeTime implements TimeSource, Sleeper {
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private long millis;
  private final List<Long> sleeps = new ArrayList<>();
  private int interruptAtSleep = -1;

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

  synchronized void advance(long byMillis) {
    millis += byMillis;
  }

  /** Makes the sleep with this index (0 for the first) throw InterruptedException instead of sleeping. */
  synchronized void interruptSleep(int index) {
    interruptAtSleep = index;
  }

  synchronized List<Long> sleeps() {
    return List.copyOf(sleeps);
  }
}
