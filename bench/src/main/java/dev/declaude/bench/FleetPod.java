package dev.declaude.bench;

import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.redis.RedisRateLimitStore;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One pod of a fleet run, in a JVM of its own that {@link FleetRun} forks: it builds its client,
 * warms it up against a throwaway simulator, says {@code ready}, waits for {@code go} on its input,
 * makes its share of the calls (every {@code pods}-th, from its index) with its threads against the
 * shared simulator, and prints one line per call: {@code call <n> <startNanos> <endNanos>
 * ok|<failure>}. {@code System.nanoTime} is the machine's monotonic clock on Linux, the same in
 * every process, so the parent merges the lines into one run.
 *
 * <p>Arguments: {@code <client> <baseUrl> <apiKey> <redisUri|-> <threads> <pod> <pods> <calls>},
 * where the client is {@code redis}, {@code in-process}, {@code sdk} or {@code sdk10}.
 */
public final class FleetPod {
  private static final int WARM_CALLS = 1_000;
  private static final double WARM_RATE = 250;
  private static final int WARM_BURST = 10;

  /** Long enough for the recovery board to call it an outage and probe it. */
  private static final Duration WARM_OUTAGE = Duration.ofMillis(1_500);

  private FleetPod() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    String kind = args[0];
    int threads = Integer.parseInt(args[4]);
    int pod = Integer.parseInt(args[5]);
    int pods = Integer.parseInt(args[6]);
    int calls = Integer.parseInt(args[7]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    RateLimitStore store =
        args[3].equals("-") ? RateLimitStore.inProcess() : RedisRateLimitStore.create(args[3]);
    // Warm-up on a rate-limited simulator of its own, so that the JIT has compiled the pacing and
    // store
    // paths too before the measured run: on a small machine, four JVMs compiling at once are what
    // the
    // run would otherwise measure.
    try (ClaudeSimulator warm =
            ClaudeSimulator.builder().rateLimit(WARM_RATE, WARM_BURST).build().start();
        LoadClient warmClient = open(kind, warm.baseUrl(), warm.apiKey(), store)) {
      run(warmClient, threads, 0, 1, WARM_CALLS, null);
      // And through an outage, so that the recovery paths (probes, releases, the board with its
      // waiters) are compiled too: else the measured recovery is four JVMs compiling them at once.
      warm.outage(WARM_OUTAGE, Fault.overloaded());
      run(warmClient, threads, 0, 1, 4 * threads, null);
    }
    try (LoadClient client = open(kind, args[1], args[2], store)) {
      out.println("ready");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"go".equals(in.readLine())) {
        return;
      }
      run(client, threads, pod, pods, calls, out);
      out.println("done");
    } finally {
      store.close();
    }
  }

  private static LoadClient open(String kind, String baseUrl, String apiKey, RateLimitStore store) {
    switch (kind) {
      case "redis":
      case "in-process":
        return LoadClient.declaude(baseUrl, apiKey, store);
      case "sdk":
        return LoadClient.officialSdk(baseUrl, apiKey, null);
      case "sdk10":
        return LoadClient.officialSdk(baseUrl, apiKey, 10);
      default:
        throw new IllegalArgumentException("no such client: " + kind);
    }
  }

  /**
   * Makes calls {@code pod}, {@code pod + pods}, ... below {@code calls}, reporting each to {@code
   * out} if given.
   */
  private static void run(
      LoadClient client, int threads, int pod, int pods, int calls, PrintStream out)
      throws InterruptedException {
    ExecutorService callers = Executors.newFixedThreadPool(threads);
    for (int n = pod; n < calls; n += pods) {
      int call = n;
      callers.execute(
          () -> {
            long start = System.nanoTime();
            String outcome;
            try {
              client.call(LoadCall.question(call));
              outcome = "ok";
            } catch (Exception e) {
              outcome = (e.getClass().getSimpleName() + ": " + e.getMessage()).replace('\n', ' ');
            }
            long end = System.nanoTime();
            if (out != null) {
              synchronized (out) {
                out.println("call " + call + " " + start + " " + end + " " + outcome);
              }
            }
          });
    }
    callers.shutdown();
    callers.awaitTermination(10, TimeUnit.MINUTES);
  }
}
