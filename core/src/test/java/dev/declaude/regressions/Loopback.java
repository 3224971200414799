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
 * A local server on loopback and clients of it on virtual time: waits advance a {@link FakeTime} and are
 * recorded, so regression tests of waiting behaviour take no real time and do not depend on the machine.
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

  static MessageRequest request() {
    return MessageRequest.builder().maxTokens(100).addUserMessage("Hi").build();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }
}
