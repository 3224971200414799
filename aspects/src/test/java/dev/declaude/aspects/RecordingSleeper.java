package dev.declaude.aspects;

import dev.declaude.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits asked of it and returns at once, so retry tests take no real time. */
final class RecordingSleeper implements Sleeper {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  /** Returns the waits asked so far, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
