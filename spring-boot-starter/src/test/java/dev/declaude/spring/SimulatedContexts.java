package dev.declaude.spring;

import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.VirtualTime;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Application contexts with the auto-configuration, pointed at a simulator, on virtual time with
 * jitter fixed at one half: retries take no real time and every wait is exact.
 */
final class SimulatedContexts {
  private SimulatedContexts() {}

  static ApplicationContextRunner runner(ClaudeSimulator simulator, VirtualTime time) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DeclaudeAutoConfiguration.class))
        .withPropertyValues(
            "declaude.api-key=" + simulator.apiKey(),
            "declaude.base-url=" + simulator.baseUrl(),
            // Mask the machine's own variables, should it have them: the tests say where the key
            // comes from.
            "ANTHROPIC_API_KEY=",
            "ANTHROPIC_BASE_URL=")
        .withBean(
            RetryEngineBuilderCustomizer.class,
            () -> engine -> engine.timeSource(time).sleeper(time).scheduler(time).random(() -> 0.5))
        .withBean(
            ClaudeClientBuilderCustomizer.class, () -> builder -> builder.clock(time.clock()));
  }

  /**
   * Returns the outermost exception of {@code type} in {@code failure}'s causes: what Spring
   * wrapped.
   */
  static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError(
        "no " + type.getSimpleName() + " among the causes of " + failure, failure);
  }
}
