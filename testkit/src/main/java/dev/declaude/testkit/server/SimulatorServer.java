package dev.declaude.testkit.server;

import dev.declaude.testkit.ClaudeSimulator;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a program, for teams whose services and CI pipelines are not Java:
 *
 * <pre>
 * java -jar declaude-testkit-0.1.0-SNAPSHOT-server.jar --port 8080 --rate-limit 50/min --fault 529:0.2
 * </pre>
 *
 * <p>Prints one line naming the URL and the key it accepts, serves until the process is stopped
 * (SIGINT or SIGTERM: a shutdown hook closes the server, prints one line and exits with status 0),
 * and is scripted at run time through the admin endpoint under {@code /_simulator/}. {@code --help}
 * lists every option. A bad command line prints what was wrong and the usage, and exits with status
 * 2; a port that cannot be bound exits with status 1. A program, so it writes to the console.
 */
public final class SimulatorServer {
  /** The line printed once the server has closed, the last it prints. */
  static final String STOPPED = "declaude simulator stopped";

  private SimulatorServer() {}

  /** Starts the server as {@code args} say and serves until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.print(ServerOptions.usage());
      err.flush();
      System.exit(2);
      return;
    }
    if (options.help) {
      out.print(ServerOptions.usage());
      out.flush();
      System.exit(0);
    }
    ClaudeSimulator sim;
    try {
      sim = options.builder().build().start();
    } catch (UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      System.exit(1);
      return;
    }
    if (!isLoopback(options.host)) {
      err.println(
          "warning: listening on "
              + options.host
              + ": the admin endpoint /_simulator/ needs no key,"
              + " so anyone who can reach this address can script the simulator");
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(sim, out), "declaude-simulator-shutdown"));
    out.println(
        "declaude simulator listening on " + sim.baseUrl() + " (api key: " + sim.apiKey() + ")");
    out.flush();
    new CountDownLatch(1).await();
  }

  private static void stop(ClaudeSimulator sim, PrintStream out) {
    int status = 0;
    try {
      sim.close();
    } catch (RuntimeException e) {
      status = 1;
    }
    out.println(STOPPED);
    out.flush();
    // A JVM ended by a signal exits with 128 + the signal's number even when its hooks run;
    // stopping the
    // simulator is this program's normal end, so it reports success. halt() ends the JVM here, at
    // once.
    Runtime.getRuntime().halt(status);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
