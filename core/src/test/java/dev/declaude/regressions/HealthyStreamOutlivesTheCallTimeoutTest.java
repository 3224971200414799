package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.response.MessageStream;
import dev.declaude.transport.RequestOptions;
import dev.declaude.wire.StreamEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: the OkHttp call timeout also covered reading a stream's body, so a long answer that
 * kept sending events was cut when the call timeout passed. A stream is now bounded by the call
 * timeout until its headers arrive, then by the read timeout between reads and by the caller's own
 * timeout, never by a total a healthy stream can outlive. The server here really trickles its body;
 * no assertion depends on how fast.
 */
class HealthyStreamOutlivesTheCallTimeoutTest {
  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  private static String events(int deltas) {
    StringBuilder s =
        new StringBuilder(
            "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-6\",\"usage\":{\"input_tokens\":3,"
                + "\"output_tokens\":0}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
    for (int i = 0; i < deltas; i++) {
      s.append(
          "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
              + "\"delta\":{\"type\":\"text_delta\",\"text\":\"w\"}}\n\n");
    }
    s.append(
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
            + "\"usage\":{\"output_tokens\":"
            + deltas
            + "}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    return s.toString();
  }

  private static MockResponse sse(String body) {
    return new MockResponse()
        .setHeader("content-type", "text/event-stream")
        .setChunkedBody(body, 128);
  }

  private ClaudeClient client(Duration callTimeout) {
    return api.client()
        .retryEngine(api.engine().build())
        .callTimeout(callTimeout)
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static int count(MessageStream stream) {
    int deltas = 0;
    while (stream.hasNext()) {
      if (stream.next() instanceof StreamEvent.ContentBlockDelta) {
        deltas++;
      }
    }
    return deltas;
  }

  @Test
  void aStreamThatKeepsSendingOutlivesTheCallTimeout() {
    // 20 deltas of about 140 bytes, 140 bytes every 50 ms: about a second in all, five call
    // timeouts
    String body = events(20);
    api.server.enqueue(sse(body).throttleBody(140, 50, TimeUnit.MILLISECONDS));
    try (ClaudeClient client = client(Duration.ofMillis(200));
        MessageStream stream = client.stream(Loopback.request())) {

      assertEquals(20, count(stream));
    }
  }

  @Test
  void headersThatDoNotComeWithinTheCallTimeoutFailTheStream() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (HostileServer silent = new HostileServer("", HostileServer.silentUntil(release));
        ClaudeClient client =
            ClaudeClient.builder()
                .apiKey(Loopback.KEY)
                .baseUrl(silent.baseUrl())
                .callTimeout(Duration.ofMillis(200))
                .build()) {

      ClaudeTimeoutException e =
          assertThrows(ClaudeTimeoutException.class, () -> client.stream(Loopback.request()));

      assertEquals(
          "POST /v1/messages (stream) timed out: no response headers within the call timeout of 200 ms",
          e.getMessage());
    } finally {
      release.countDown();
    }
  }

  @Test
  void theCallersOwnTimeoutBoundsTheWholeStream() {
    api.server.enqueue(sse(events(40)).throttleBody(140, 50, TimeUnit.MILLISECONDS));
    try (ClaudeClient client = client(Duration.ofSeconds(30));
        MessageStream stream =
            client.stream(Loopback.request(), RequestOptions.timeout(Duration.ofMillis(300)))) {

      ClaudeTimeoutException e = assertThrows(ClaudeTimeoutException.class, () -> count(stream));

      assertEquals(
          "reading the stream timed out: the stream did not end within its timeout of 300 ms",
          e.getMessage());
    }
  }
}
