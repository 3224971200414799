package dev.declaude.spring;

import dev.declaude.ClaudeClientBuilder;

/**
 * Changes the builder of the auto-configured {@code ClaudeClient} after the {@code declaude.*}
 * properties are applied and before the client is built. Every bean of this type is applied, in
 * {@code @Order} order.
 *
 * <pre>{@code
 * @Bean
 * ClaudeClientBuilderCustomizer sharedHttp(OkHttpClient http) {
 *   return builder -> builder.okHttpClient(http);
 * }
 * }</pre>
 *
 * <p>This is also the extension point of other declaude modules: an auto-configuration of a
 * fleet-wide store of rate-limit state contributes its settings as a customizer, so the client
 * needs no change to use it. The builder is given a retry engine (the {@code RetryEngine} bean)
 * before customizers run; engine settings belong to a {@link RetryEngineBuilderCustomizer}.
 */
@FunctionalInterface
public interface ClaudeClientBuilderCustomizer {
  /** Changes {@code builder}. */
  void customize(ClaudeClientBuilder builder);
}
