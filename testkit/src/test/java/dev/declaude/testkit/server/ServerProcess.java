package dev.declaude.testkit.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server jar running as a separate process, as a CI pipeline would start it; waits on its
 * output and exit with bounded timeouts, never by sleeping.
 */
final class ServerProcess implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern STARTED =
      Pattern.compile("declaude simulator listening on (http://\\S+) \\(api key: (\\S+)\\)");
  // Marks the end of a stream in the queue of lines.
  private static final String END = new String("end of output");

  private final Process process;
  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread out;
  private final Thread err;
  private String baseUrl;
  private String apiKey;

  private ServerProcess(Process process) {
    this.process = process;
    this.out = new Thread(() -> drain(process.getInputStream(), stdout::add), "server-stdout");
    this.err =
        new Thread(
            () -> drain(process.getErrorStream(), line -> stderr.append(line).append('\n')),
            "server-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  /** Starts {@code java -jar <server jar> args}. */
  static ServerProcess start(String... args) throws IOException {
    Path jar = Path.of(System.getProperty("declaude.serverJar", "target/missing-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no server jar at "
              + jar
              + "; run the integration tests through Maven"
              + " (verify), which packages it first");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    return new ServerProcess(new ProcessBuilder(command).start());
  }

  /** Starts the server and waits for its startup line. */
  static ServerProcess started(String... args) throws IOException, InterruptedException {
    ServerProcess server = start(args);
    String line = server.nextLine();
    Matcher m = STARTED.matcher(line == null ? "" : line);
    if (!m.matches()) {
      server.close();
      throw new IllegalStateException(
          "the server did not start: first line " + line + ", stderr " + server.stderr);
    }
    server.baseUrl = m.group(1);
    server.apiKey = m.group(2);
    return server;
  }

  /** Returns the next line of standard output, or {@code null} once it has ended. */
  String nextLine() throws InterruptedException {
    String line = stdout.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      throw new IllegalStateException("no output within " + TIMEOUT + "; stderr: " + stderr);
    }
    return line == END ? null : line;
  }

  /** Returns all standard output up to its end. */
  String remainingOutput() throws InterruptedException {
    StringBuilder out = new StringBuilder();
    for (String line = nextLine(); line != null; line = nextLine()) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * Waits for the process to end, and for all its output to be read, and returns its exit status.
   */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the server did not exit within " + TIMEOUT);
    }
    out.join(TIMEOUT.toMillis());
    err.join(TIMEOUT.toMillis());
    return process.exitValue();
  }

  /**
   * Sends SIGTERM, as a CI runner's cleanup would stop it (Ctrl-C sends SIGINT, which it handles
   * alike).
   */
  void stop() {
    // Process.destroy() would also close the streams, losing the output the server writes as it
    // stops.
    process.toHandle().destroy();
  }

  String baseUrl() {
    return baseUrl;
  }

  String apiKey() {
    return apiKey;
  }

  /**
   * Returns what the process wrote to standard error so far; all of it after {@link #awaitExit()}.
   */
  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  private interface LineSink {
    void accept(String line);
  }

  private void drain(InputStream stream, LineSink sink) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        sink.accept(line);
      }
    } catch (IOException e) {
      // The process went away; what was read is all there is.
    }
    if (stream == process.getInputStream()) {
      stdout.add(END);
    }
  }
}
