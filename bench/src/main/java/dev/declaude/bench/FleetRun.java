package dev.declaude.bench;

import dev.declaude.testkit.ClaudeSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a fleet scenario for one kind of client: {@value #PODS} pods, each a JVM of its own ({@link
 * FleetPod}) with {@value #THREADS} caller threads, share nothing but the simulator (and, for
 * declaude with the Redis store, a redis-server this run starts). The pods start their calls
 * together once all are warm.
 */
final class FleetRun {
  static final int PODS = 4;
  static final int THREADS = 4;

  /**
   * The pods' JVM flags, the same for every client: the client compiler only, and the serial
   * collector. The pods stand for long-running services, whose common paths (HTTP, JSON, pacing)
   * were compiled long ago, but they are JVMs of seconds, four of them on cores shared with the
   * simulator and Redis: with the defaults, C2 compiled those paths during the measured burst and
   * G1's threads ran beside it, stalling a pod for up to ~100 ms at random. Run with {@code
   * -Dfleet.podFlags=} (empty) for the JVM's defaults, or give flags of your own.
   */
  static final String DEFAULT_POD_FLAGS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private static List<String> podJvmFlags() {
    String flags = System.getProperty("fleet.podFlags", DEFAULT_POD_FLAGS).trim();
    return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
  }

  /**
   * A fleet client: a name for the table, the pod's client argument, and whether it needs Redis.
   */
  record Kind(String name, String client, boolean redis) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind("declaude ×4 pods, Redis store", "redis", true),
          new Kind("declaude ×4 pods, in-process state", "in-process", false),
          new Kind("official SDK ×4 pods, default (2 retries)", "sdk", false),
          new Kind("official SDK ×4 pods, `maxRetries(10)`", "sdk10", false));

  private FleetRun() {}

  /**
   * Returns the kinds to run: all, or those whose client argument {@code -Dfleet.clients=redis,sdk}
   * names.
   */
  static List<Kind> kinds() {
    String only = System.getProperty("fleet.clients");
    if (only == null) {
      return KINDS;
    }
    List<String> names = List.of(only.split(","));
    return KINDS.stream().filter(k -> names.contains(k.client())).toList();
  }

  /**
   * Runs {@code scenario} for {@code kind} on a fresh simulator; null when it needs Redis and none
   * is installed.
   */
  static LoadRun run(Scenario scenario, Kind kind) throws IOException, InterruptedException {
    BenchRedis redis = kind.redis() ? BenchRedis.start() : null;
    if (kind.redis() && redis == null) {
      return null;
    }
    try (ClaudeSimulator sim =
        scenario.simulator().apply(ClaudeSimulator.builder()).build().start()) {
      List<Process> pods = new ArrayList<>();
      List<BufferedReader> outs = new ArrayList<>();
      for (int p = 0; p < PODS; p++) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(podJvmFlags());
        cmd.addAll(
            List.of(
                "-cp",
                System.getProperty("java.class.path"),
                FleetPod.class.getName(),
                kind.client(),
                sim.baseUrl(),
                sim.apiKey(),
                redis == null ? "-" : redis.uri(),
                Integer.toString(THREADS),
                Integer.toString(p),
                Integer.toString(PODS),
                Integer.toString(scenario.calls())));
        Process pod =
            new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        pods.add(pod);
        outs.add(
            new BufferedReader(
                new InputStreamReader(pod.getInputStream(), StandardCharsets.UTF_8)));
      }
      for (BufferedReader out : outs) {
        String line = out.readLine();
        if (!"ready".equals(line)) {
          throw new IOException("a pod did not start: " + line);
        }
      }
      scenario.arm().accept(sim);
      LoadRun run = new LoadRun(kind.name(), scenario.calls(), System.nanoTime());
      run.startInstant = sim.clock().instant();
      for (Process pod : pods) {
        Writer in = new OutputStreamWriter(pod.getOutputStream(), StandardCharsets.UTF_8);
        in.write("go\n");
        in.flush();
      }
      // A reader thread per pod: the common pool has a single thread on a two-core machine, and a
      // pod
      // whose output is not read would block once its pipe is full.
      ExecutorService readers = Executors.newFixedThreadPool(outs.size());
      List<CompletableFuture<Void>> reading = new ArrayList<>();
      for (BufferedReader out : outs) {
        reading.add(CompletableFuture.runAsync(() -> collect(out, run), readers));
      }
      readers.shutdown();
      CompletableFuture<Void> all =
          CompletableFuture.allOf(reading.toArray(new CompletableFuture<?>[0]));
      try {
        all.get(scenario.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception stopped) {
        synchronized (run) {
          run.firstFailure =
              (run.firstFailure == null ? "" : run.firstFailure + "; ")
                  + "run stopped after "
                  + scenario.timeout().toSeconds()
                  + " s";
        }
      }
      pods.forEach(Process::destroy);
      for (Process pod : pods) {
        pod.waitFor(10, TimeUnit.SECONDS);
      }
      long end = run.startNanos;
      for (long e : run.callEnd) {
        end = Math.max(end, e);
      }
      run.endNanos = end;
      run.requests = sim.requestCount();
      run.timeline = sim.timeline();
      return run;
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** Reads a pod's lines into the run until it is done. */
  private static void collect(BufferedReader out, LoadRun run) {
    try {
      String line;
      while ((line = out.readLine()) != null && !line.equals("done")) {
        String[] f = line.split(" ", 5);
        if (f.length < 5 || !f[0].equals("call")) {
          continue;
        }
        int n = Integer.parseInt(f[1]);
        synchronized (run) {
          run.callStart[n] = Long.parseLong(f[2]);
          run.callEnd[n] = Long.parseLong(f[3]);
          run.succeeded[n] = f[4].equals("ok");
          if (!run.succeeded[n] && run.firstFailure == null) {
            run.firstFailure = f[4];
          }
        }
      }
    } catch (IOException e) {
      synchronized (run) {
        run.firstFailure = "a pod's output broke: " + e;
      }
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
