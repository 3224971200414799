package dev.declaude.bench;

import static dev.declaude.bench.LoadBenchmark.fmt;

import java.util.ArrayList;
import java.util.List;

/** The lines printed under the table: what a scenario's ideal is, and what went wrong in a run. */
final class LoadNotes {
  private LoadNotes() {}

  /**
   * Returns the notes on {@code run}; {@code first} says it is the scenario's first client, for its
   * ideal.
   */
  static List<String> of(
      Scenario scenario, LoadBenchmark.ClientKind kind, LoadRun run, boolean first) {
    String client = kind == null ? run.client : kind.name();
    List<String> notes = new ArrayList<>();
    if (first) {
      String ideal = ideal(scenario, run);
      if (ideal != null) {
        notes.add(scenario.name() + ": " + ideal);
      }
    }
    if (scenario.name().equals("hostile-header")) {
      int others = run.calls() - 1;
      notes.add(
          "hostile-header, "
              + client
              + ": "
              + run.successes()
              + " of "
              + run.calls()
              + " calls completed;"
              + " the "
              + others
              + " besides the one that met `retry-after: "
              + Scenarios.HOSTILE_RETRY_AFTER
              + "` "
              + (run.successes() >= others ? "all completed" : "did not all complete")
              + "; the last success after "
              + fmt("%.2f", run.lastSuccessSeconds())
              + " s");
    }
    if (scenario.name().equals("token-limited")) {
      notes.add("token-limited, " + client + ": " + slowestBySize(run));
    }
    if (run.firstFailure != null) {
      notes.add(scenario.name() + ", " + client + ": first failure: " + run.firstFailure);
    }
    return notes;
  }

  /**
   * Returns the slowest call of each prompt size, and how many times its ideal spacing (the time
   * the bucket refills that many tokens at ITPM) it took.
   */
  private static String slowestBySize(LoadRun run) {
    java.util.TreeMap<Integer, Long> slowest = new java.util.TreeMap<>();
    for (int i = 0; i < run.calls(); i++) {
      int tokens = LoadCall.sized(i).inputTokens();
      slowest.merge(tokens, run.callEnd[i] - run.callStart[i], Math::max);
    }
    StringBuilder s =
        new StringBuilder("slowest call by prompt size (tokens: ms, × ideal spacing)");
    slowest.forEach(
        (tokens, nanos) -> {
          double spacing = tokens * 60_000.0 / Scenarios.INPUT_TOKENS_PER_MINUTE;
          double ms = nanos / 1e6;
          s.append(
              String.format(java.util.Locale.ROOT, " %d: %.0f, ×%.1f;", tokens, ms, ms / spacing));
        });
    return s.toString();
  }

  private static String ideal(Scenario scenario, LoadRun run) {
    switch (scenario.name()) {
      case "storm":
        return "floor for \"p99 after outage end\" on this machine: "
            + fmt("%.0f", floorMillis(run))
            + " ms (every call starts after the outage; "
            + LoadBenchmark.THREADS
            + " threads each need ceil(p99"
            + " rank / "
            + LoadBenchmark.THREADS
            + ") requests of the median latency "
            + fmt("%.0f", run.latencyMillis(0.50))
            + " ms)";
      case "fleet":
        return FleetRun.PODS
            + " pods (JVMs of their own, started by the benchmark) of "
            + FleetRun.THREADS
            + " threads share one bucket of "
            + fmt("%.0f", Scenarios.FLEET_RATE)
            + " requests a second, burst "
            + Scenarios.FLEET_BURST
            + ": an ideal run takes "
            + fmt("%.2f", (run.calls() - Scenarios.FLEET_BURST) / Scenarios.FLEET_RATE)
            + " s (efficiency "
            + fmt(
                "%.3f",
                run.calls()
                    / ((run.calls() - Scenarios.FLEET_BURST) / Scenarios.FLEET_RATE)
                    / Scenarios.FLEET_RATE)
            + ")";
      case "fleet-outage":
        return FleetRun.PODS
            + " pods of "
            + FleetRun.THREADS
            + " threads see a "
            + Scenarios.OUTAGE.toSeconds()
            + " s outage (529) from the start, each caller with one call caught by it and one after it;"
            + " \"p99 after outage end\" is when 99 % of all calls had completed (ideal: two requests of the"
            + " median latency, "
            + fmt("%.0f", 2 * run.latencyMillis(0.50))
            + " ms)";
      case "capacity-overload":
        return "the server serves "
            + Scenarios.CAPACITY
            + " requests at once, "
            + Scenarios.CAPACITY_LATENCY.toMillis()
            + " ms each, 529 without retry-after above that: an ideal run takes "
            + fmt(
                "%.2f",
                run.calls() * (Scenarios.CAPACITY_LATENCY.toNanos() / 1e9) / Scenarios.CAPACITY)
            + " s";
      case "token-limited":
        return run.calls()
            + " prompts of 20 to 3,500 tokens, "
            + Scenarios.INPUT_TOKENS
            + " input tokens in all,"
            + " ITPM "
            + Scenarios.INPUT_TOKENS_PER_MINUTE
            + " (a bucket that starts full): an ideal run takes "
            + fmt(
                "%.2f",
                Scenarios.idealSeconds(
                    Scenarios.INPUT_TOKENS - Scenarios.INPUT_TOKENS_PER_MINUTE,
                    Scenarios.INPUT_TOKENS_PER_MINUTE))
            + " s";
      case "output-limited":
        return run.calls()
            + " calls with max_tokens "
            + LoadCall.LONG
            + " and answers of "
            + Scenarios.OUTPUT_TOKENS / run.calls()
            + " tokens, OTPM "
            + Scenarios.OUTPUT_TOKENS_PER_MINUTE
            + " (max_tokens is reserved at the start, the rest given back at the end): an ideal run takes "
            + fmt(
                "%.2f",
                Scenarios.idealSeconds(
                    Scenarios.outputBeforeLast(run.calls())
                        - (Scenarios.OUTPUT_TOKENS_PER_MINUTE - LoadCall.LONG),
                    Scenarios.OUTPUT_TOKENS_PER_MINUTE))
            + " s";
      default:
        return null;
    }
  }

  /**
   * Returns the least "p99 after outage end" any client could reach: no call can succeed during the
   * outage, so the p99-ranked completion needs {@code ceil(rank / THREADS)} back-to-back requests
   * on some thread, each taking at least the run's median call latency (one healthy request on
   * loopback).
   */
  static double floorMillis(LoadRun run) {
    int rank = (int) Math.ceil(0.99 * run.calls());
    return Math.ceil(rank / (double) LoadBenchmark.THREADS) * run.latencyMillis(0.50);
  }
}
