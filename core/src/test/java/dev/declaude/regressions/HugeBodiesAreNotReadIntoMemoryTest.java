package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.error.MalformedResponseException;
import dev.declaude.response.MessageStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Regression: error bodies were capped, but a 200 body, a {@code count_tokens} body, an SSE line
 * and an SSE event's joined data lines were read whole, so a 200 MiB answer was an {@code
 * OutOfMemoryError} at {@code -Xmx64m}. Each is now read up to a cap, then a {@link
 * MalformedResponseException} naming it.
 */
class HugeBodiesAreNotReadIntoMemoryTest {
  static final long HUGE = 200L << 20;

  private static ClaudeClient client(HostileServer server, long maxBytes) {
    return ClaudeClient.builder()
        .apiKey(Loopback.KEY)
        .baseUrl(server.baseUrl())
        .maxResponseBytes(maxBytes)
        .maxStreamEventBytes(maxBytes)
        .build();
  }

  private static String chunked(String contentType) {
    return "HTTP/1.1 200 OK\r\ncontent-type: " + contentType + "\r\nconnection: close\r\n\r\n";
  }

  @Test
  void aHugeMessageBodyIsCutAtTheCap() throws IOException {
    try (HostileServer server =
            new HostileServer(chunked("application/json"), HostileServer.repeated(HUGE, ' '));
        ClaudeClient client = client(server, 1 << 20)) {

      MalformedResponseException e =
          assertThrows(MalformedResponseException.class, () -> client.send(Loopback.request()));

      assertEquals(
          "the message body is longer than the 1 MiB cap (maxResponseBytes); stopped reading there. Raise"
              + " ClaudeClient.builder().maxResponseBytes(...) if the API really sends such answers",
          e.getMessage());
      // What the server wrote beyond the cap sat in socket buffers; the client never read the rest.
      assertTrue(server.written() < HUGE / 4, "server wrote " + server.written());
    }
  }

  @Test
  void aDeclaredHugeLengthIsRefusedBeforeReading() throws IOException {
    String head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + HUGE + "\r\n\r\n";
    try (HostileServer server = new HostileServer(head, HostileServer.repeated(HUGE, ' '));
        ClaudeClient client = client(server, 32L << 20)) {

      MalformedResponseException e =
          assertThrows(MalformedResponseException.class, () -> client.send(Loopback.request()));

      assertEquals(
          "the message body is 200 MiB long (content-length), more than the 32 MiB cap"
              + " (maxResponseBytes); not read. Raise ClaudeClient.builder().maxResponseBytes(...) if the API"
              + " really sends such answers",
          e.getMessage());
    }
  }

  @Test
  void aHugeCountTokensBodyIsCutAtTheCap() throws IOException {
    try (HostileServer server =
            new HostileServer(chunked("application/json"), HostileServer.repeated(HUGE, ' '));
        ClaudeClient client = client(server, 1 << 20)) {

      MalformedResponseException e =
          assertThrows(
              MalformedResponseException.class, () -> client.countTokens(Loopback.request()));

      assertEquals(
          "the count_tokens body is longer than the 1 MiB cap (maxResponseBytes); stopped reading there."
              + " Raise ClaudeClient.builder().maxResponseBytes(...) if the API really sends such answers",
          e.getMessage());
    }
  }

  @Test
  void anEndlessStreamLineIsCutAtTheCap() throws IOException {
    try (HostileServer server =
            new HostileServer(
                chunked("text/event-stream"), HostileServer.prefixed("data: ", HUGE, 'x'));
        ClaudeClient client = client(server, 1 << 20);
        MessageStream stream = client.stream(Loopback.request())) {

      MalformedResponseException e =
          assertThrows(MalformedResponseException.class, stream::hasNext);

      assertEquals(
          "a line of the stream exceeds the 1 MiB cap (maxStreamEventBytes); stopped"
              + " reading there. Raise ClaudeClient.builder().maxStreamEventBytes(...) if the API really"
              + " sends such events",
          e.getMessage());
      assertTrue(server.written() < HUGE / 4, "server wrote " + server.written());
    }
  }

  @Test
  void anEventOfEndlesslyManyDataLinesIsCutAtTheCap() throws IOException {
    HostileServer.Body lines =
        (out, written) -> {
          byte[] line = ("data: " + "y".repeat(1000) + "\n").getBytes(StandardCharsets.UTF_8);
          for (long sent = 0; sent < HUGE; sent += line.length) {
            out.write(line);
            written.addAndGet(line.length);
          }
        };
    try (HostileServer server = new HostileServer(chunked("text/event-stream"), lines);
        ClaudeClient client = client(server, 1 << 20);
        MessageStream stream = client.stream(Loopback.request())) {

      MalformedResponseException e =
          assertThrows(MalformedResponseException.class, stream::hasNext);

      assertEquals(
          "an event's data of the stream exceeds the 1 MiB cap (maxStreamEventBytes); stopped reading there."
              + " Raise ClaudeClient.builder().maxStreamEventBytes(...) if the API really sends such events",
          e.getMessage());
    }
  }

  @Test
  void aClientWithA64MiBHeapSurvivesA200MiBAnswer() throws Exception {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                HugeAnswerAtSmallHeap.class.getName())
            .redirectErrorStream(true)
            .start();
    String output;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      output = out.lines().collect(Collectors.joining("\n"));
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");

    assertTrue(
        output.contains(
            "threw dev.declaude.error.MalformedResponseException: the message body is longer than"
                + " the 32 MiB cap"),
        output);
    assertEquals(0, child.exitValue(), output);
  }
}
