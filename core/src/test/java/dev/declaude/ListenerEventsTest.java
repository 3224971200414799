package dev.declaude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.event.CallEvent;
import dev.declaude.event.ClaudeListener;
import dev.declaude.event.RateLimitsEvent;
import dev.declaude.retry.FakeRandom;
import dev.declaude.retry.FakeTime;
import dev.declaude.retry.RetryEngine;
import dev.declaude.wire.MessageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a ClaudeListener hears of calls and rate limits, without prompt, answer or key. */
class ListenerEventsTest {
  static final String KEY = "sk-ant-test-listener-0123456789abcdef";
  static final String OK =
      "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":"
          + "\"text\",\"text\":\"Hi\"}],\"model\":\"claude-haiku-4-5-20251001\",\"stop_reason\":\"end_turn\","
          + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}";

  @RetryOn({ErrorKind.SERVER, ErrorKind.RATE_LIMIT})
  interface Bot {
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5")
    String answer(String question);
  }

  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final List<CallEvent> calls = new ArrayList<>();
  private final List<RateLimitsEvent> limits = new ArrayList<>();
  private final ClaudeListener listener =
      new ClaudeListener() {
        @Override
        public void onCall(CallEvent event) {
          calls.add(event);
        }

        @Override
        public void onRateLimits(RateLimitsEvent event) {
          limits.add(event);
        }
      };

  @AfterEach
  void close() throws Exception {
    server.shutdown();
  }

  private ClaudeClient client() {
    RetryEngine engine =
        RetryEngine.builder()
            .timeSource(time)
            .sleeper(time)
            .random(FakeRandom.of(0.5))
            .listener(listener)
            .build();
    return ClaudeClient.builder()
        .apiKey(KEY)
        .baseUrl(server.url("/").toString())
        .retryEngine(engine)
        .listener(listener)
        .build();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(body);
  }

  @Test
  void aServiceCallThatWasRetriedIsOneCallEventWithItsAttemptsModelsAndUsage() {
    server.enqueue(
        json(
            529,
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}"));
    server.enqueue(
        json(200, OK)
            .setHeader("anthropic-ratelimit-requests-limit", "50")
            .setHeader("anthropic-ratelimit-requests-remaining", "49"));
    try (ClaudeClient client = client()) {
      client.create(Bot.class).answer("Hello?");
    }

    assertEquals(1, calls.size());
    CallEvent e = calls.get(0);
    assertEquals("Bot", e.service());
    assertEquals("answer", e.method());
    assertEquals("claude-haiku-4-5", e.requestModel());
    assertEquals("claude-haiku-4-5-20251001", e.responseModel());
    assertEquals(2, e.attempts());
    assertEquals(12, e.usage().inputTokens());
    assertTrue(e.succeeded());
    assertEquals(
        Duration.ofMillis(250),
        e.duration()); // the backoff of 500 ms at jitter 0.5, on virtual time
    assertEquals(1, limits.size());
    assertTrue(
        limits.get(0).domain().startsWith("localhost:" + server.getPort() + "/"),
        limits.get(0).domain());
    assertEquals(49L, limits.get(0).rateLimits().requests().remaining());
  }

  @Test
  void aRefusalsRateLimitsReachTheListenersToo() {
    server.enqueue(
        json(
                429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\"}}")
            .setHeader("retry-after", "1")
            .setHeader("anthropic-ratelimit-requests-limit", "50")
            .setHeader("anthropic-ratelimit-requests-remaining", "0"));
    server.enqueue(
        json(200, OK)
            .setHeader("anthropic-ratelimit-requests-limit", "50")
            .setHeader("anthropic-ratelimit-requests-remaining", "49"));
    try (ClaudeClient client = client()) {
      client.create(Bot.class).answer("Hello?");
    }

    // Before, only successes were told: a gauge or health check never saw the limit run out.
    assertEquals(
        List.of(0L, 49L), limits.stream().map(l -> l.rateLimits().requests().remaining()).toList());
  }

  @Test
  void aFailedLowLevelCallSaysItsKindAndTypeButNoMessage() {
    server.enqueue(
        json(
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no\"}}"));
    try (ClaudeClient client = client()) {
      assertThrows(
          InvalidRequestException.class,
          () -> client.send(MessageRequest.builder().maxTokens(10).addUserMessage("Hi").build()));
    }

    CallEvent e = calls.get(0);
    assertNull(e.service());
    assertEquals(ErrorKind.INVALID_REQUEST, e.errorKind().orElseThrow());
    assertEquals("invalid_request_error", e.errorType());
    assertEquals(1, e.attempts());
    assertNull(e.responseModel());
  }
}
