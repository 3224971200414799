package dev.declaude.bench;

import dev.declaude.testkit.ClaudeSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs declaude and the official SDK side by side, on loopback, against a fresh testkit simulator
 * per scenario and client, with 8 caller threads; prints a Markdown table, then draws each
 * scenario's requests over time as a PNG.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.declaude.bench.LoadBenchmark [scenario
 * ...] [--charts DIR]}. With no scenario named, all of {@link Scenarios#ALL} run (several minutes);
 * charts go to {@code bench/target/charts} unless {@code --charts} says otherwise. Real time. Each
 * client is warmed up once against a throwaway simulator first, so the measured runs do not include
 * class loading. The fleet scenarios run pods in JVMs of their own ({@link FleetRun}), declaude's
 * with the Redis store on a redis-server the benchmark starts (that row is skipped, with a note,
 * when none is installed).
 */
public final class LoadBenchmark {
  static final int THREADS = 8;
  static final Path DEFAULT_CHARTS = Path.of("bench", "target", "charts");

  private LoadBenchmark() {}

  /** A client under test: a name for the table and how to open it on a simulator. */
  record ClientKind(String name, Function<ClaudeSimulator, LoadClient> open) {}

  static final List<ClientKind> CLIENTS =
      List.of(
          new ClientKind("declaude `@RetryOn(maxAttempts=10)`", LoadClient::declaude),
          new ClientKind(
              "official SDK, default (2 retries)", sim -> LoadClient.officialSdk(sim, null)),
          new ClientKind("official SDK, `maxRetries(10)`", sim -> LoadClient.officialSdk(sim, 10)));

  /** declaude as above with pacing switched off: pacing must never be slower than this. */
  static final ClientKind PACING_OFF =
      new ClientKind("declaude, `pacing(false)`", sim -> LoadClient.declaude(sim, false));

  /**
   * Returns the clients to run {@code scenario} for: all, or those whose name starts with {@code
   * -Dload.clients=declaude} (for trying a change; tables in the README compare every client).
   */
  private static List<ClientKind> clients(Scenario scenario) {
    List<ClientKind> all = new ArrayList<>(CLIENTS);
    if (scenario.pacingOffToo()) {
      all.add(1, PACING_OFF);
    }
    String only = System.getProperty("load.clients");
    return only == null ? all : all.stream().filter(k -> k.name().startsWith(only)).toList();
  }

  public static void main(String[] args) throws Exception {
    // Charts are drawn off screen; must be set before any AWT class loads.
    System.setProperty("java.awt.headless", "true");
    List<Scenario> scenarios = new ArrayList<>();
    Path charts = DEFAULT_CHARTS;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--charts") && i + 1 < args.length) {
        charts = Path.of(args[++i]);
      } else if (Scenarios.named(args[i]) != null) {
        scenarios.add(Scenarios.named(args[i]));
      } else {
        System.err.println(
            "unknown argument "
                + args[i]
                + "; usage: LoadBenchmark [scenario ...] [--charts DIR];"
                + " scenarios: "
                + String.join(", ", Scenarios.ALL.stream().map(Scenario::name).toList()));
        System.exit(2);
      }
    }
    run(scenarios.isEmpty() ? Scenarios.ALL : scenarios, charts);
  }

  private static void run(List<Scenario> scenarios, Path charts)
      throws InterruptedException, IOException {
    quietLogs();
    warmUp();
    List<String> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Path> pngs = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      List<LoadRun> runs = new ArrayList<>();
      if (scenario.fleet()) {
        for (FleetRun.Kind kind : FleetRun.kinds()) {
          LoadRun run = FleetRun.run(scenario, kind);
          if (run == null) {
            notes.add(
                scenario.name()
                    + ", "
                    + kind.name()
                    + ": not run: redis-server is not on the PATH");
            continue;
          }
          runs.add(run);
          rows.add(row(scenario, run));
          notes.addAll(LoadNotes.of(scenario, null, run, kind == FleetRun.KINDS.get(0)));
          System.out.println("done: " + rows.get(rows.size() - 1));
        }
        pngs.add(LoadChart.write(scenario, runs, charts));
        continue;
      }
      for (ClientKind kind : clients(scenario)) {
        LoadRun run = run(scenario, kind);
        runs.add(run);
        rows.add(row(scenario, run));
        notes.addAll(LoadNotes.of(scenario, kind, run, kind == CLIENTS.get(0)));
        System.out.println("done: " + rows.get(rows.size() - 1));
      }
      pngs.add(LoadChart.write(scenario, runs, charts));
    }
    System.out.println();
    System.out.println(
        "| scenario | client | calls | failed | wall s | server requests | wasted / success"
            + " | efficiency | p50 ms | p99 ms | p99 after outage end ms |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(System.out::println);
    System.out.println();
    notes.forEach(n -> System.out.println("- " + n));
    System.out.println();
    System.out.println("Charts (requests per 100 ms):");
    pngs.forEach(p -> System.out.println("- " + p));
  }

  private static String row(Scenario scenario, LoadRun run) {
    // Without a success there is nothing to recover or to waste requests for: no figure.
    String afterOutage =
        scenario.outage().isZero() || run.successes() == 0
            ? "–"
            : fmt(
                "%.0f",
                run.completionAfterMillis(run.startNanos + scenario.outage().toNanos(), 0.99));
    return "| "
        + scenario.name()
        + " | "
        + run.client
        + " | "
        + run.calls()
        + " | "
        + run.failures()
        + " | "
        + fmt("%.2f", run.wallSeconds())
        + " | "
        + run.requests
        + " | "
        + (run.successes() == 0 ? "–" : fmt("%.3f", run.wastedPerSuccess()))
        + " | "
        + fmt("%.3f", scenario.efficiency().applyAsDouble(run))
        + " | "
        + fmt("%.0f", run.latencyMillis(0.50))
        + " | "
        + fmt("%.0f", run.latencyMillis(0.99))
        + " | "
        + afterOutage
        + " |";
  }

  /** Runs one scenario for one client on a fresh simulator. */
  static LoadRun run(Scenario scenario, ClientKind kind) throws InterruptedException {
    try (ClaudeSimulator sim =
            scenario.simulator().apply(ClaudeSimulator.builder()).build().start();
        LoadClient client = kind.open().apply(sim)) {
      scenario.arm().accept(sim);
      LoadRun run = new LoadRun(kind.name(), scenario.calls(), System.nanoTime());
      run.startInstant = sim.clock().instant();
      ExecutorService callers = Executors.newFixedThreadPool(THREADS);
      for (int i = 0; i < scenario.calls(); i++) {
        LoadCall call = scenario.call().apply(i);
        int n = i;
        callers.execute(() -> call(client, run, n, call));
      }
      callers.shutdown();
      Duration timeout = scenario.timeout();
      if (!callers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // Calls still running count as failed; interrupting them stops their retry waits.
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        run.firstFailure =
            (run.firstFailure == null ? "" : run.firstFailure + "; ")
                + "run stopped after "
                + timeout.toSeconds()
                + " s";
      }
      run.endNanos = maxEnd(run);
      run.requests = sim.requestCount();
      run.timeline = sim.timeline();
      return run;
    }
  }

  private static void call(LoadClient client, LoadRun run, int n, LoadCall call) {
    run.callStart[n] = System.nanoTime();
    try {
      client.call(call);
      run.succeeded[n] = true;
    } catch (Exception e) {
      // The SDK's retry sleep throws InterruptedException unchecked when a stopped run interrupts
      // it.
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

  /**
   * Loads and compiles every client's code paths against a healthy simulator, so runs measure
   * steady state.
   */
  private static void warmUp() throws InterruptedException {
    Scenario healthy =
        Scenario.of("warm-up", 200, UnaryOperator.identity(), run -> 0)
            .withCall(n -> n % 2 == 0 ? LoadCall.question(n) : LoadCall.roomyQuestion(n));
    for (ClientKind kind : CLIENTS) {
      run(healthy, kind);
    }
  }

  private static void quietLogs() {
    // Retries are logged at INFO; thousands of lines would drown the table. Set the property to see
    // them.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }
}
