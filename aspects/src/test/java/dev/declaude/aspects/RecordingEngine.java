package dev.declaude.aspects;

import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the aspects use a retry engine on a {@link RecordingSleeper} before each test and restores
 * the engine they had after it. No budget: tests count attempts exactly.
 */
final class RecordingEngine implements BeforeEachCallback, AfterEachCallback {
  private volatile RecordingSleeper sleeper;
  private volatile RetryEngine previous;

  @Override
  public void beforeEach(ExtensionContext context) {
    sleeper = new RecordingSleeper();
    previous =
        DeclaudeAspects.useEngine(
            RetryEngine.builder()
                .sleeper(sleeper)
                .budget(RetryBudget.unlimited())
                .random(() -> 0.5)
                .build());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    DeclaudeAspects.useEngine(previous);
  }

  /** Returns this test's sleeper. */
  RecordingSleeper sleeper() {
    return sleeper;
  }
}
