package dev.declaude.examples.sdk;

import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the retry engine the aspects use record its waits instead of sleeping, for each test;
 * restores the engine they had after it. No retry budget, so attempt counts are exact.
 */
final class RecordingEngine implements BeforeEachCallback, AfterEachCallback {
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private volatile RetryEngine previous;

  @Override
  public void beforeEach(ExtensionContext context) {
    waits.clear();
    Sleeper recording = waits::add;
    previous =
        DeclaudeAspects.useEngine(
            RetryEngine.builder().sleeper(recording).budget(RetryBudget.unlimited()).build());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DeclaudeAspects.useEngine(previous);
  }

  /** Returns the waits asked for by this test's calls, in order. */
  List<Duration> waits() {
    return List.copyOf(waits);
  }
}
