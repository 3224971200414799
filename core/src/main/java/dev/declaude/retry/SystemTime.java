package dev.declaude.retry;

import java.time.Duration;
import java.time.Instant;

/** The real clocks and sleep. Stateless, so thread-safe. */
final class SystemTime implements TimeSource, Sleeper {
  static final SystemTime INSTANCE = new SystemTime();

  private SystemTime() {}

  @Override
  public long millis() {
    // nanoTime, not currentTimeMillis: waits and deadlines must not jump when the wall clock is
    // set.
    return System.nanoTime() / 1_000_000L;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  @Override
  public void sleepUntil(Alarm alarm) throws InterruptedException {
    alarm.await(this);
  }
}
