package dev.declaude.micrometer;

import dev.declaude.ClaudeClient;
import dev.declaude.retry.RetryEngineBuilder;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorBuilder;
import dev.declaude.testkit.VirtualTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real client, metered into a {@link SimpleMeterRegistry}, talking over loopback to its own
 * simulator, both on virtual time: retries and pacing take no real time, and jitter is fixed at one
 * half, so every duration is exact.
 */
final class MeteredClient implements AutoCloseable {
  final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final DeclaudeMetrics metrics = new DeclaudeMetrics(registry);
  final ClaudeSimulator simulator;
  final ClaudeClient client;

  MeteredClient() {
    this(sim -> {}, engine -> {});
  }

  MeteredClient(
      Consumer<ClaudeSimulatorBuilder> simulatorConfig, Consumer<RetryEngineBuilder> engineConfig) {
    ClaudeSimulatorBuilder sim = ClaudeSimulator.builder().clock(time.clock());
    simulatorConfig.accept(sim);
    simulator = sim.build().start();
    RetryEngineBuilder engine = time.retryEngineBuilder().random(() -> 0.5).listener(metrics);
    engineConfig.accept(engine);
    client =
        ClaudeClient.builder()
            .apiKey(simulator.apiKey())
            .baseUrl(simulator.baseUrl())
            .clock(time.clock())
            .retryEngine(engine.build())
            .listener(metrics)
            .build();
  }

  /**
   * Returns every meter as a line, the simulator's host and port written as {@code simulator};
   * without the bucket gauges ({@code *.histogram}) that SimpleMeterRegistry adds beside each
   * histogram.
   */
  List<String> meters() {
    String hostPort = simulator.baseUrl().replaceFirst("^https?://", "");
    return MeterListing.of(registry).stream()
        .filter(line -> !line.contains(".histogram{"))
        .map(line -> line.replace(hostPort, "simulator"))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    client.close();
    simulator.close();
  }
}
