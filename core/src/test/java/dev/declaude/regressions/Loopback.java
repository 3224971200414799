package dev.declaude.regressions;

import dev.declaude.ClaudeClient;
import dev.declaude.ClaudeClientBuilder;
import dev.declaude.retry.FakeRandom;
import dev.declaude.retry.FakeScheduler;
import dev.declaude.retry.FakeTime;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEngineBuilder;
import dev.declaude.wire.MessageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A local server on loopback and clients of it on virtual time: waits advance a {@link FakeTime}
 * and are recorded, so regression tests of waiting behaviour take no real time and do not depend on
 * the machine.
 */
final class Loopback implements AutoCloseable {
  static final String KEY = "sk-ant-test-loopback-0123456789abcdef";
  static final String OK_BODY =
      "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"model\":\"claude-sonnet-4-6\","
          + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}";

  final MockWebServer server = new MockWebServer();
  final FakeTime time = new FakeTime();
  final FakeScheduler scheduler = new FakeScheduler(time);

  Loopback() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns an engine builder on this virtual time, with jitter at its midpoint. */
  RetryEngineBuilder engine() {
    return RetryEngine.builder()
        .timeSource(time)
        .sleeper(time)
        .scheduler(scheduler)
        .random(FakeRandom.of(0.5));
  }

  /** Returns a client builder pointed at the server, reading this virtual time. */
  ClaudeClientBuilder client() {
    return ClaudeClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).clock(clock());
  }

  /** Returns a wall clock that reads this virtual time. */
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return time.now();
      }
    };
  }

  static MockResponse ok() {
    return json(200, OK_BODY);
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(body);
  }

  static MockResponse error(int status, String type, String message, String requestId) {
    return json(
            status,
            "{\"type\":\"error\",\"error\":{\"type\":\""
                + type
                + "\",\"message\":\""
                + message
                + "\"},\"request_id\":\""
                + requestId
                + "\"}")
        .setHeader("request-id", requestId);
  }

  /**
   * Returns a 200 answer whose text is {@code text} and whose usage reports {@code inputTokens}.
   */
  static MockResponse answer(String text, long inputTokens) {
    return json(
        200,
        "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
            + "\"text\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(text)
            + "}],\"model\":\"claude-sonnet-4-6\",\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":"
            + inputTokens
            + ",\"output_tokens\":3}}");
  }

  /** Returns the events of a stream that sends {@code deltas} as text, then ends well. */
  static String streamOf(String... deltas) {
    return streamStart() + streamDeltas(deltas) + streamEnd(deltas.length);
  }

  /**
   * Returns the events of a stream that sends {@code deltas}, then an {@code overloaded_error}
   * event.
   */
  static String streamBrokenAfter(String... deltas) {
    return streamStart()
        + streamDeltas(deltas)
        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"}}\n\n";
  }

  static MockResponse sse(String events) {
    return new MockResponse()
        .setHeader("content-type", "text/event-stream")
        .setChunkedBody(events, 64);
  }

  private static String streamStart() {
    return "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\","
        + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-6\","
        + "\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
  }

  private static String streamDeltas(String... deltas) {
    StringBuilder s = new StringBuilder();
    for (String d : deltas) {
      s.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,")
          .append("\"delta\":{\"type\":\"text_delta\",\"text\":")
          .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(d))
          .append("}}\n\n");
    }
    return s.toString();
  }

  private static String streamEnd(int deltas) {
    return "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
        + "\"usage\":{\"output_tokens\":"
        + deltas
        + "}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  }

  static MessageRequest request() {
    return MessageRequest.builder().maxTokens(100).addUserMessage("Hi").build();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
