package dev.declaude.spring;

import dev.declaude.retry.RetryEngineBuilder;

/**
 * Changes the builder of the auto-configured {@code RetryEngine} (the client's, and woven
 * {@code @RetryOn} code's when {@code declaude-aspects} is present) after the {@code declaude.*}
 * properties and the listeners are applied. Every bean of this type is applied, in {@code @Order}
 * order.
 *
 * <pre>{@code
 * @Bean
 * RetryEngineBuilderCustomizer smallBudget() {
 *   return engine -> engine.budget(RetryBudget.of(10, 5, Duration.ofSeconds(10)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RetryEngineBuilderCustomizer {
  /** Changes {@code builder}. */
  void customize(RetryEngineBuilder builder);
}
