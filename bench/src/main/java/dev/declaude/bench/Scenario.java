package dev.declaude.bench;

import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorBuilder;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * One load scenario: how many calls and what each sends, the simulator it needs, the faults armed
 * right before the calls start, an outage whose end the table measures from (zero for none), how
 * long a client gets before its run is stopped, what efficiency means for it, whether declaude with
 * pacing switched off runs too, for comparison, and whether it is a fleet scenario (pods in JVMs of
 * their own, {@link FleetRun}).
 */
record Scenario(
    String name,
    int calls,
    IntFunction<LoadCall> call,
    UnaryOperator<ClaudeSimulatorBuilder> simulator,
    Consumer<ClaudeSimulator> arm,
    Duration outage,
    Duration timeout,
    ToDoubleFunction<LoadRun> efficiency,
    boolean pacingOffToo,
    boolean fleet) {

  /** Returns a scenario of {@code calls} questions on a simulator set up by {@code simulator}. */
  static Scenario of(
      String name,
      int calls,
      UnaryOperator<ClaudeSimulatorBuilder> simulator,
      ToDoubleFunction<LoadRun> efficiency) {
    return new Scenario(
        name,
        calls,
        LoadCall::question,
        simulator,
        sim -> {},
        Duration.ZERO,
        Duration.ofSeconds(60),
        efficiency,
        false,
        false);
  }

  Scenario withCall(IntFunction<LoadCall> each) {
    return new Scenario(
        name, calls, each, simulator, arm, outage, timeout, efficiency, pacingOffToo, fleet);
  }

  Scenario withArm(Consumer<ClaudeSimulator> faults) {
    return new Scenario(
        name, calls, call, simulator, faults, outage, timeout, efficiency, pacingOffToo, fleet);
  }

  Scenario withOutage(Duration length) {
    return new Scenario(
        name, calls, call, simulator, arm, length, timeout, efficiency, pacingOffToo, fleet);
  }

  /** Returns this scenario run also by declaude with pacing switched off, for comparison. */
  Scenario withPacingOffToo() {
    return new Scenario(
        name, calls, call, simulator, arm, outage, timeout, efficiency, true, fleet);
  }

  /** Returns this scenario run by a fleet of pods, each a JVM of its own, instead of one client. */
  Scenario asFleet() {
    return new Scenario(
        name, calls, call, simulator, arm, outage, timeout, efficiency, pacingOffToo, true);
  }

  Scenario withTimeout(Duration limit) {
    return new Scenario(
        name, calls, call, simulator, arm, outage, limit, efficiency, pacingOffToo, fleet);
  }
}
