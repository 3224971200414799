package dev.declaude.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.MalformedResponseException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.response.MessageStream;
import dev.declaude.wire.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streaming: the documented event order, and every way a stream can end badly. */
class StreamTest {
  static final String START =
      "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-6\",\"stop_reason\":null,"
          + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n";
  static final String BLOCK_START =
      "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
  static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
  static final String STOP =
      "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
          + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
          + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n"
          + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

  private final MockApi api = new MockApi();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  static String delta(String text) {
    return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
        + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
        + text
        + "\"}}\n\n";
  }

  private void enqueueStream(String body) {
    api.server.enqueue(
        new MockResponse()
            .setHeader("content-type", "text/event-stream")
            .setHeader("request-id", "req_s")
            .setBody(body));
  }

  @Test
  void readsTheDocumentedEventsInOrderSkippingPingsAndUnknownEvents() throws Exception {
    enqueueStream(
        START
            + BLOCK_START
            + PING
            + delta("Hello")
            + ": a comment\n\n"
            + "event: brand_new\ndata: {\"type\":\"brand_new\",\"x\":1}\n\n"
            + delta(" world")
            + STOP);

    List<String> types = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    try (MessageStream stream = api.client.stream(ErrorTableTest.request())) {
      assertEquals("req_s", stream.metadata().requestId());
      stream.forEachRemaining(
          e -> {
            types.add(e.type());
            if (e instanceof StreamEvent.ContentBlockDelta d) {
              text.append(d.text());
            }
          });
    }

    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        types);
    assertEquals("Hello world", text.toString());
    assertEquals(
        "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            + "\"stream\":true}",
        api.server.takeRequest().getBody().readUtf8());
  }

  @Test
  void anErrorEventMidStreamIsThrownAfterTheEventsBeforeIt() {
    enqueueStream(
        START
            + BLOCK_START
            + delta("Hel")
            + "event: error\ndata: {\"type\": \"error\", \"error\": "
            + "{\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n");

    List<StreamEvent> seen = new ArrayList<>();
    try (MessageStream stream = api.client.stream(ErrorTableTest.request())) {
      var e = assertThrows(OverloadedException.class, () -> stream.forEachRemaining(seen::add));
      assertEquals(200, e.status());
      assertEquals("overloaded_error", e.errorType());
      assertEquals("req_s", e.requestId());
      assertFalse(stream.hasNext());
    }
    assertEquals(3, seen.size());
  }

  @Test
  void anErrorBeforeTheStreamStartsIsAnOrdinaryErrorResponse() {
    api.server.enqueue(
        MockApi.json(429, MockApi.error("rate_limit_error", "slow", "req_r"))
            .setHeader("retry-after", "1"));

    assertThrows(RateLimitException.class, () -> api.client.stream(ErrorTableTest.request()));
  }

  @Test
  void aStreamThatEndsWithoutMessageStopIsAConnectionFailure() {
    enqueueStream(START + BLOCK_START + delta("Hel"));

    try (MessageStream stream = api.client.stream(ErrorTableTest.request())) {
      var e = assertThrows(ClaudeConnectionException.class, () -> stream.forEachRemaining(x -> {}));
      assertEquals("the stream ended before message_stop (request-id req_s)", e.getMessage());
    }
  }

  @Test
  void aConnectionDroppedMidStreamIsAConnectionFailure() {
    api.server.enqueue(
        new MockResponse()
            .setHeader("content-type", "text/event-stream")
            .setBody(START + BLOCK_START + delta("a".repeat(4000)) + STOP)
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    try (MessageStream stream = api.client.stream(ErrorTableTest.request())) {
      assertThrows(ClaudeConnectionException.class, () -> stream.forEachRemaining(x -> {}));
    }
  }

  @Test
  void aFrameThatIsNotJsonIsMalformed() {
    enqueueStream(START + "event: content_block_start\ndata: {not json\n\n");

    try (MessageStream stream = api.client.stream(ErrorTableTest.request())) {
      assertThrows(MalformedResponseException.class, () -> stream.forEachRemaining(x -> {}));
    }
  }

  @Test
  void eventsAreAlsoAJavaStream() {
    enqueueStream(START + BLOCK_START + delta("x") + STOP);

    try (var events = api.client.stream(ErrorTableTest.request()).events()) {
      assertEquals(6, events.count());
    }
  }
}
