package dev.declaude.examples.spring;

import dev.declaude.spring.ClaudeClientBuilderCustomizer;
import dev.declaude.testkit.ClaudeSimulator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Runs the application against declaude's local simulator when no API key is configured (no {@code
 * declaude.api-key}, {@code anthropic.apiKey} or {@code ANTHROPIC_API_KEY}), or when {@code
 * examples.simulator=true}: the simulator starts as a bean, and a customizer points the client at
 * it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedSimulator.WithoutApiKey.class)
class EmbeddedSimulator {
  @Bean(destroyMethod = "close")
  ClaudeSimulator claudeSimulator() {
    return ClaudeSimulator.builder().build().start();
  }

  @Bean
  ClaudeClientBuilderCustomizer useTheSimulator(ClaudeSimulator simulator) {
    return builder -> builder.apiKey(simulator.apiKey()).baseUrl(simulator.baseUrl());
  }

  /**
   * Matches when {@code examples.simulator} is true, or is unset and no API key is configured
   * anywhere.
   */
  static final class WithoutApiKey implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      String chosen = env.getProperty("examples.simulator");
      if (chosen != null) {
        return Boolean.parseBoolean(chosen);
      }
      for (String key :
          new String[] {"declaude.api-key", "anthropic.apiKey", "ANTHROPIC_API_KEY"}) {
        String value = env.getProperty(key);
        if (value != null && !value.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }
}
