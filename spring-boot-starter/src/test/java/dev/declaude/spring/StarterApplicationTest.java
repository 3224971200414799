package dev.declaude.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.spring.scanned.ScannedBot;
import dev.declaude.testkit.ClaudeSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot application: auto-configuration, a scanned service injected, its meters and
 * health.
 */
@SpringBootTest(classes = StarterApplicationTest.Application.class)
class StarterApplicationTest {
  static final ClaudeSimulator SIMULATOR = ClaudeSimulator.builder().build().start();

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableClaudeServices(basePackageClasses = ScannedBot.class)
  static class Application {}

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry properties) {
    properties.add("declaude.api-key", SIMULATOR::apiKey);
    properties.add("declaude.base-url", SIMULATOR::baseUrl);
  }

  @AfterAll
  static void stop() {
    SIMULATOR.close();
  }

  @Autowired ScannedBot bot;

  @Autowired MeterRegistry registry;

  @Autowired
  @Qualifier("declaudeHealthIndicator")
  HealthIndicator health;

  @Test
  void anInjectedServiceAnswersAndItsCallIsMeteredAndSeenByTheHealthIndicator() {
    assertEquals("Simulated reply to: Say hello to Grace.", bot.hello("Grace"));

    assertEquals(
        1,
        registry
            .get("declaude.calls")
            .tags(
                "service",
                "ScannedBot",
                "method",
                "hello",
                "kind",
                "successful_without_retry",
                "error",
                "none")
            .timer()
            .count());
    assertEquals("UP", health.health().getStatus().getCode());
  }
}
