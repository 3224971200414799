package dev.declaude.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} of a test's own, on 127.0.0.1 at a free port, without persistence. It
 * can be killed and started again on the same port. Without {@code redis-server} installed, a test
 * using it is skipped with a message saying how to install it; under {@code CI=true} it fails
 * instead, so that CI never passes by skipping.
 */
final class RedisServer implements AutoCloseable {
  static final String HOW_TO_INSTALL =
      "install it with `apt-get install -y redis-server` (Debian, Ubuntu) or `brew install redis` (macOS)";

  private final Path binary;
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(Path binary, int port, Path dir) {
    this.binary = binary;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Starts a server, or skips (fails, under CI) the calling test when {@code redis-server} is
   * missing.
   */
  static RedisServer start() {
    Path binary = find();
    if (binary == null) {
      String message = "redis-server is not on the PATH: " + HOW_TO_INSTALL;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (CI=true: Redis tests must run)");
      }
      Assumptions.abort(message);
    }
    try {
      RedisServer server =
          new RedisServer(binary, freePort(), Files.createTempDirectory("declaude-redis"));
      server.run();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the server's URI. */
  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server at once, as a crash would, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Starts the server again on the same port, empty. */
  void restart() throws IOException {
    run();
  }

  private void run() throws IOException {
    process =
        new ProcessBuilder(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    // Blocks on the server's own output until it says it is ready (or dies): no polling, no
    // sleeping.
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("Ready to accept connections")) {
        drain(out);
        return;
      }
    }
    fail("redis-server did not start on port " + port + ":\n" + seen);
  }

  /** Keeps reading the server's output, so that a full pipe never blocks it. */
  private static void drain(BufferedReader out) {
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discarded
                }
              } catch (IOException e) {
                // The server is gone.
              }
            },
            "redis-server output");
    drain.setDaemon(true);
    drain.start();
  }

  private static Path find() {
    String path = System.getenv().getOrDefault("PATH", "");
    Stream<Path> candidates =
        Stream.concat(
            Stream.of(path.split(java.io.File.pathSeparator))
                .filter(p -> !p.isEmpty())
                .map(Path::of),
            List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"), Path.of("/opt/homebrew/bin"))
                .stream());
    return candidates
        .map(dir -> dir.resolve("redis-server"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
