package dev.declaude.bench;

import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorBuilder;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.RetryAfterStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * Runs declaude and the official SDK side by side, on loopback, against a fresh testkit simulator per
 * scenario and client, with 8 caller threads, and prints a Markdown table.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.declaude.bench.LoadBenchmark}. Real time; the whole
 * run takes about two minutes. Each client is warmed up once against a throwaway simulator first, so the
 * measured runs do not include class loading.
 */
public final class LoadBenchmark {
  static final int THREADS = 8;
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
  static final Duration OUTAGE = Duration.ofSeconds(3);
  static final double RATE = 20;

  private LoadBenchmark() {}

  /** A client under test: a name for the table and how to open it on a simulator. */
  record ClientKind(String name, Function<ClaudeSimulator, LoadClient> open) {}

  /**
   * A scenario: the simulator it needs, the faults armed right before the calls start, and what efficiency
   * means for it.
   */
  record Scenario(
      String name,
      int calls,
      UnaryOperator<ClaudeSimulatorBuilder> simulator,
      Consumer<ClaudeSimulator> arm,
      Duration outage,
      ToDoubleFunction<LoadRun> efficiency) {}

  static final List<ClientKind> CLIENTS = List.of(
      new ClientKind("declaude `@RetryOn(maxAttempts=10)`", LoadClient::declaude),
      new ClientKind("official SDK, default (2 retries)", sim -> LoadClient.officialSdk(sim, null)),
      new ClientKind("official SDK, `maxRetries(10)`", sim -> LoadClient.officialSdk(sim, 10)));

  static final List<Scenario> SCENARIOS = List.of(
      // Efficiency: successes per second over the server's ceiling of 20 requests per second.
      new Scenario("rate-limited", 320,
          b -> b.rateLimit(RATE, 5).retryAfterStyle(RetryAfterStyle.WHOLE_SECONDS),
          sim -> {},
          Duration.ZERO,
          run -> run.successes() / run.wallSeconds() / RATE),
      // Efficiency: the share of requests that succeeded over the best possible share, 75 %.
      new Scenario("overloaded", 320,
          UnaryOperator.identity(),
          sim -> sim.faultRate(0.20, Fault.overloaded()).faultRate(0.05, Fault.status(500)),
          Duration.ZERO,
          run -> run.successes() / (double) run.requests / 0.75),
      // Efficiency: the share of requests that succeeded (1.0: nothing sent during the outage).
      new Scenario("storm", 160,
          UnaryOperator.identity(),
          sim -> sim.outage(OUTAGE, Fault.overloaded()),
          OUTAGE,
          run -> run.successes() / (double) run.requests));

  public static void main(String[] args) throws Exception {
    quietLogs();
    warmUp();
    List<String> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Scenario scenario : SCENARIOS) {
      for (ClientKind kind : CLIENTS) {
        LoadRun run = run(scenario, kind);
        rows.add(row(scenario, run));
        if (!scenario.outage().isZero() && kind == CLIENTS.get(0)) {
          notes.add(scenario.name() + ": floor for \"p99 after outage end\" on this machine: "
              + fmt("%.0f", floorMillis(run)) + " ms (every call starts after the outage; " + THREADS + " threads each need ceil(p99 rank / "
              + THREADS + ") requests of the median latency " + fmt("%.0f", run.latencyMillis(0.50)) + " ms)");
        }
        if (run.firstFailure != null) {
          notes.add(scenario.name() + ", " + kind.name() + ": first failure: " + run.firstFailure);
        }
        System.out.println("done: " + rows.get(rows.size() - 1));
      }
    }
    System.out.println();
    System.out.println("| scenario | client | calls | failed | wall s | server requests | wasted / success"
        + " | efficiency | p50 ms | p99 ms | p99 after outage end ms |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.println();
    notes.forEach(n -> System.out.println("- " + n));
  }

  private static String row(Scenario scenario, LoadRun run) {
    String afterOutage = scenario.outage().isZero()
        ? "–"
        : fmt("%.0f", run.completionAfterMillis(run.startNanos + scenario.outage().toNanos(), 0.99));
    return "| " + scenario.name() + " | " + run.client + " | " + run.calls() + " | " + run.failures()
        + " | " + fmt("%.2f", run.wallSeconds()) + " | " + run.requests
        + " | " + fmt("%.3f", run.wastedPerSuccess()) + " | " + fmt("%.3f", scenario.efficiency().applyAsDouble(run))
        + " | " + fmt("%.0f", run.latencyMillis(0.50)) + " | " + fmt("%.0f", run.latencyMillis(0.99))
        + " | " + afterOutage + " |";
  }

  /**
   * Returns the least "p99 after outage end" any client could reach: no call can succeed during the outage,
   * so the p99-ranked completion needs {@code ceil(rank / THREADS)} back-to-back requests on some thread,
   * each taking at least the run's median call latency (one healthy request on loopback).
   */
  static double floorMillis(LoadRun run) {
    int rank = (int) Math.ceil(0.99 * run.calls());
    return Math.ceil(rank / (double) THREADS) * run.latencyMillis(0.50);
  }

  /** Runs one scenario for one client on a fresh simulator. */
  static LoadRun run(Scenario scenario, ClientKind kind) throws InterruptedException {
    try (ClaudeSimulator sim = scenario.simulator().apply(ClaudeSimulator.builder()).build().start();
        LoadClient client = kind.open().apply(sim)) {
      scenario.arm().accept(sim);
      LoadRun run = new LoadRun(kind.name(), scenario.calls(), System.nanoTime());
      ExecutorService callers = Executors.newFixedThreadPool(THREADS);
      for (int i = 0; i < scenario.calls(); i++) {
        int n = i;
        callers.execute(() -> call(client, run, n));
      }
      callers.shutdown();
      if (!callers.awaitTermination(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        // Calls still running count as failed; interrupting them stops their retry waits.
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        run.firstFailure = (run.firstFailure == null ? "" : run.firstFailure + "; ")
            + "run stopped after " + RUN_TIMEOUT.toSeconds() + " s";
      }
      run.endNanos = maxEnd(run);
      run.requests = sim.requestCount();
      return run;
    }
  }

  private static void call(LoadClient client, LoadRun run, int n) {
    run.callStart[n] = System.nanoTime();
    try {
      client.call(n);
      run.succeeded[n] = true;
    } catch (RuntimeException e) {
      synchronized (run) {
        if (run.firstFailure == null) {
          run.firstFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
      }
    }
    run.callEnd[n] = System.nanoTime();
  }

  private static long maxEnd(LoadRun run) {
    long end = run.startNanos;
    for (long e : run.callEnd) {
      end = Math.max(end, e);
    }
    return end;
  }

  /** Loads and compiles every client's code paths against a healthy simulator, so runs measure steady state. */
  private static void warmUp() throws InterruptedException {
    Scenario healthy = new Scenario("warm-up", 200, UnaryOperator.identity(), sim -> {}, Duration.ZERO, run -> 0);
    for (ClientKind kind : CLIENTS) {
      run(healthy, kind);
    }
  }

  private static void quietLogs() {
    // Retries are logged at INFO; thousands of lines would drown the table. Set the property to see them.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }
}
