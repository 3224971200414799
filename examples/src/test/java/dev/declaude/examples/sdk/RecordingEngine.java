package dev.declaude.examples.sdk;

import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEngines;
import dev.declaude.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the shared retry engine, the one the aspects use, record its waits instead of sleeping, for each
 * test; restores the default engine after it. No retry budget, so attempt counts are exact.
 */
final class RecordingEngine implements BeforeEachCallback, AfterEachCallback {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void beforeEach(ExtensionContext context) {
    waits.clear();
    Sleeper recording = waits::add;
    RetryEngines.setShared(RetryEngine.builder().sleeper(recording).budget(RetryBudget.unlimited()).build());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RetryEngines.resetShared();
  }

  /** Returns the waits asked for by this test's calls, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
