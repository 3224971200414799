package dev.declaude.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.micrometer.DeclaudeMetrics;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.VirtualTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** With a MeterRegistry, the client's calls and retries appear as meters. */
class MetricsWiringTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  @RetryOn(ErrorKind.SERVER)
  interface TeaBot {
    @ClaudePrompt(value = "How long should {tea} tea steep?", model = "claude-haiku-4-5")
    String steepTime(String tea);
  }

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = TeaBot.class)
  static class Services {}

  private ApplicationContextRunner withBootsMetrics() {
    return SimulatedContexts.runner(sim, time)
        .withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class))
        .withUserConfiguration(Services.class);
  }

  @Test
  void anOverloadThenASuccessShowsOneSuccessfulCallWithRetryAndOneRetry() {
    sim.enqueue(Fault.overloaded());
    withBootsMetrics()
        .run(
            context -> {
              context.getBean(TeaBot.class).steepTime("green");

              MeterRegistry registry = context.getBean(MeterRegistry.class);
              assertEquals(
                  1,
                  registry
                      .get("declaude.calls")
                      .tags(
                          "service",
                          "TeaBot",
                          "method",
                          "steepTime",
                          "model",
                          "claude-haiku-4-5",
                          "kind",
                          "successful_with_retry",
                          "error",
                          "none")
                      .timer()
                      .count());
              assertEquals(
                  250.0,
                  registry
                      .get("declaude.calls")
                      .timer()
                      .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
              assertEquals(
                  1.0,
                  registry
                      .get("declaude.retries")
                      .tags("kind", "OVERLOADED", "source", "backoff")
                      .counter()
                      .count());
              assertEquals(
                  1,
                  registry
                      .get("gen_ai.client.operation.duration")
                      .tags(
                          "error.type",
                          "none",
                          "gen_ai.provider.name",
                          "anthropic",
                          "gen_ai.operation.name",
                          "chat",
                          "gen_ai.request.model",
                          "claude-haiku-4-5",
                          "gen_ai.response.model",
                          "claude-haiku-4-5")
                      .timer()
                      .count());
              assertEquals(
                  List.of(
                      "declaude.calls",
                      "declaude.ratelimit.remaining",
                      "declaude.retries",
                      "gen_ai.client.operation.duration",
                      "gen_ai.client.token.usage"),
                  List.copyOf(
                      new TreeSet<>(
                          registry.getMeters().stream()
                              .map(m -> m.getId().getName())
                              .filter(n -> n.startsWith("declaude") || n.startsWith("gen_ai"))
                              .filter(n -> !n.endsWith(".histogram"))
                              .toList())));
            });
  }

  @Test
  void anApplicationsOwnRegistryIsUsedToo() {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    SimulatedContexts.runner(sim, time)
        .withUserConfiguration(Services.class)
        .withBean(MeterRegistry.class, () -> own)
        .run(
            context -> {
              context.getBean(TeaBot.class).steepTime("green");
              assertEquals(1, own.get("declaude.calls").timer().count());
            });
  }

  @Test
  void withoutARegistryOrWithMetricsSwitchedOffNoListenerIsMade() {
    SimulatedContexts.runner(sim, time)
        .run(context -> assertFalse(context.containsBean("declaudeMetrics")));
    withBootsMetrics()
        .withPropertyValues("declaude.metrics.enabled=false")
        .run(context -> assertEquals(0, context.getBeansOfType(DeclaudeMetrics.class).size()));
  }
}
