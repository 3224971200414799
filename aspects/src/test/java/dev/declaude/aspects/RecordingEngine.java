package dev.declaude.aspects;

import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEngines;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs a shared retry engine on a {@link RecordingSleeper} before each test and restores the default
 * engine after it. No budget: tests count attempts exactly.
 */
final class RecordingEngine implements BeforeEachCallback, AfterEachCallback {
  private volatile RecordingSleeper sleeper;

  @Override
  public void beforeEach(ExtensionContext context) {
    sleeper = new RecordingSleeper();
    RetryEngines.setShared(
        RetryEngine.builder().sleeper(sleeper).budget(RetryBudget.unlimited()).random(() -> 0.5).build());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    RetryEngines.resetShared();
  }

  /** Returns this test's sleeper. */
  RecordingSleeper sleeper() {
    return sleeper;
  }
}
