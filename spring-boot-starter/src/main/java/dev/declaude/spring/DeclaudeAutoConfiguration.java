package dev.declaude.spring;

import dev.declaude.ClaudeClient;
import dev.declaude.event.ClaudeListener;
import dev.declaude.micrometer.DeclaudeMetrics;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.redis.RedisRateLimitStore;
import dev.declaude.retry.RetryEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link ClaudeClient} from the {@code declaude.*} properties ({@link
 * DeclaudeProperties}), closed with the context, and the {@link RetryEngine} it runs on. Every
 * {@link ClaudeListener} bean listens to both; {@link ClaudeClientBuilderCustomizer} and {@link
 * RetryEngineBuilderCustomizer} beans have the last word on the builders. Each bean backs off when
 * the application defines its own.
 *
 * <p>With {@code declaude-micrometer} on the class path and a {@code MeterRegistry} bean, a {@link
 * DeclaudeMetrics} listener records the client's meters ({@code declaude.metrics.enabled=false}
 * turns it off). With {@code declaude-aspects} on the class path, woven {@code @RetryOn} code uses
 * the same engine while the context lives. With Spring Boot's health support, a {@code declaude}
 * health indicator shows what the client's calls last saw.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(ClaudeClient.class)
@EnableConfigurationProperties(DeclaudeProperties.class)
public class DeclaudeAutoConfiguration {
  /**
   * Returns the retry engine of the client (and of woven code): the properties, the listeners, the
   * customizers.
   */
  @Bean
  @ConditionalOnMissingBean
  public RetryEngine declaudeRetryEngine(
      DeclaudeProperties properties,
      Environment environment,
      ObjectProvider<RateLimitStore> store,
      ObjectProvider<ClaudeListener> listeners,
      ObjectProvider<RetryEngineBuilderCustomizer> customizers) {
    return ClaudeClients.engine(
        properties,
        environment,
        store.getIfAvailable(),
        listeners.orderedStream().collect(Collectors.toList()),
        customizers.orderedStream().collect(Collectors.toList()));
  }

  /**
   * The Redis store of {@code declaude.redis-uri}, when declaude-redis is present; closed with the
   * context.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.declaude.redis.RedisRateLimitStore")
  @ConditionalOnProperty("declaude.redis-uri")
  static class RedisStoreConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RateLimitStore declaudeRateLimitStore(DeclaudeProperties properties) {
      try {
        return RedisRateLimitStore.create(properties.getRedisUri());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid declaude.redis-uri: " + e.getMessage(), e);
      }
    }
  }

  /** Returns the client, closed when the context closes. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ClaudeClient claudeClient(
      DeclaudeProperties properties,
      Environment environment,
      RetryEngine engine,
      ObjectProvider<ClaudeListener> listeners,
      ObjectProvider<ClaudeClientBuilderCustomizer> customizers) {
    return ClaudeClients.client(
        properties,
        environment,
        engine,
        listeners.orderedStream().collect(Collectors.toList()),
        customizers.orderedStream().collect(Collectors.toList()));
  }

  /**
   * The client's meters, when Micrometer and declaude-micrometer are present and a registry exists.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DeclaudeMetrics.class, MeterRegistry.class})
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "declaude.metrics.enabled", matchIfMissing = true)
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    DeclaudeMetrics declaudeMetrics(MeterRegistry registry, DeclaudeProperties properties) {
      return DeclaudeMetrics.builder(registry)
          .maxTagValues(properties.getMetrics().getMaxTagValues())
          .build();
    }
  }

  /** Woven {@code @RetryOn} code on the application's engine, when declaude-aspects is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "dev.declaude.aspects.DeclaudeAspects")
  static class AspectsConfiguration {
    @Bean
    AspectsEngineBinding declaudeAspectsEngine(RetryEngine engine) {
      return new AspectsEngineBinding(engine);
    }
  }

  /** The {@code declaude} health indicator, when Spring Boot's health support is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("declaude")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CallHealthRecorder declaudeCallHealthRecorder() {
      return new CallHealthRecorder(Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean(name = "declaudeHealthIndicator")
    ClaudeHealthIndicator declaudeHealthIndicator(
        CallHealthRecorder recorder, DeclaudeProperties properties) {
      return new ClaudeHealthIndicator(recorder, properties.getHealth().getDownAfterFailures());
    }
  }
}
