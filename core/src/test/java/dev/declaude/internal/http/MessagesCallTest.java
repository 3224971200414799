package dev.declaude.internal.http;

import static dev.declaude.internal.http.MockApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.RateLimit;
import dev.declaude.wire.MessageRequest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client sends and how it reads a successful answer. */
class MessagesCallTest {
  private final MockApi api = new MockApi();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void sendsTheDocumentedHeadersAndOnlyTheFieldsThatWereSet() throws Exception {
    api.server.enqueue(json(200, MockApi.OK_BODY));

    api.client.send(MessageRequest.builder().maxTokens(300).addUserMessage("Why?").build());

    RecordedRequest r = api.server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals("/v1/messages", r.getPath());
    assertEquals(MockApi.KEY, r.getHeader("x-api-key"));
    assertEquals("2023-06-01", r.getHeader("anthropic-version"));
    assertTrue(r.getHeader("content-type").startsWith("application/json"));
    assertTrue(r.getHeader("user-agent").startsWith("declaude/"), r.getHeader("user-agent"));
    assertEquals(
        "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":300,\"messages\":[{\"role\":\"user\",\"content\":\"Why?\"}]}",
        r.getBody().readUtf8());
  }

  @Test
  void sendsEveryFieldThatWasSet() throws Exception {
    api.server.enqueue(json(200, MockApi.OK_BODY));

    api.client.send(
        MessageRequest.builder()
            .model("claude-haiku-4-5")
            .maxTokens(50)
            .system("Be brief.")
            .addUserMessage("Q")
            .addAssistantMessage("A")
            .addUserMessage("Q2")
            .temperature(0.2)
            .topP(0.9)
            .topK(5)
            .stopSequences(List.of("END"))
            .userId("u-1")
            .build());

    JsonNode body = WireJson.mapper().readTree(api.server.takeRequest().getBody().readUtf8());
    assertEquals(
        "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":50,\"system\":\"Be brief.\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"Q\"},{\"role\":\"assistant\",\"content\":\"A\"},"
            + "{\"role\":\"user\",\"content\":\"Q2\"}],\"temperature\":0.2,\"top_p\":0.9,\"top_k\":5,"
            + "\"stop_sequences\":[\"END\"],\"metadata\":{\"user_id\":\"u-1\"}}",
        body.toString());
  }

  @Test
  void aBaseUrlWithAPathPrefixKeepsIt() throws Exception {
    try (var client =
        dev.declaude.ClaudeClient.builder()
            .apiKey(MockApi.KEY)
            .baseUrl(api.server.url("/proxy/anthropic").toString())
            .build()) {
      api.server.enqueue(json(200, MockApi.OK_BODY));
      client.send(ErrorTableTest.request());
      assertEquals("/proxy/anthropic/v1/messages", api.server.takeRequest().getPath());
    }
  }

  @Test
  void readsTheAnswerItsHeadersAndIgnoresUnknownFields() {
    api.server.enqueue(
        json(200, MockApi.OK_BODY)
            .setHeader("request-id", "req_ok")
            .setHeader("anthropic-ratelimit-requests-limit", "50")
            .setHeader("anthropic-ratelimit-requests-remaining", "49")
            .setHeader("anthropic-ratelimit-requests-reset", "2026-11-24T20:00:01Z")
            .setHeader("anthropic-ratelimit-tokens-limit", "100000")
            .setHeader("anthropic-ratelimit-tokens-remaining", "99000")
            .setHeader("anthropic-ratelimit-tokens-reset", "2026-11-24T20:00:02+00:00")
            .setHeader("anthropic-ratelimit-input-tokens-limit", "80000")
            .setHeader("anthropic-ratelimit-input-tokens-remaining", "79000")
            .setHeader("anthropic-ratelimit-input-tokens-reset", "2026-11-24T20:00:03Z")
            .setHeader("anthropic-ratelimit-output-tokens-limit", "20000")
            .setHeader("anthropic-ratelimit-output-tokens-remaining", "not-a-number")
            .setHeader("anthropic-ratelimit-output-tokens-reset", "2026-11-24T20:00:04Z"));

    ClaudeResponse response = api.client.send(ErrorTableTest.request());

    assertEquals("Hello there", response.text());
    assertEquals("end_turn", response.stopReason());
    assertEquals(12, response.usage().inputTokens());
    assertEquals(3, response.usage().outputTokens());
    assertEquals("req_ok", response.requestId());
    assertEquals(
        new RateLimit(50L, 49L, Instant.parse("2026-11-24T20:00:01Z")),
        response.rateLimits().requests());
    assertEquals(
        new RateLimit(100000L, 99000L, Instant.parse("2026-11-24T20:00:02Z")),
        response.rateLimits().tokens());
    assertEquals(
        new RateLimit(80000L, 79000L, Instant.parse("2026-11-24T20:00:03Z")),
        response.rateLimits().inputTokens());
    assertEquals(
        new RateLimit(20000L, null, Instant.parse("2026-11-24T20:00:04Z")),
        response.rateLimits().outputTokens());
  }

  @Test
  void countsTokens() throws Exception {
    api.server.enqueue(json(200, "{\"input_tokens\":14}"));

    int tokens =
        api.client.countTokens(
            MessageRequest.builder().maxTokens(10).system("S").addUserMessage("Hi").build());

    assertEquals(14, tokens);
    RecordedRequest r = api.server.takeRequest();
    assertEquals("/v1/messages/count_tokens", r.getPath());
    assertEquals(
        "{\"model\":\"claude-sonnet-4-6\",\"system\":\"S\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
        r.getBody().readUtf8());
  }

  @Test
  void anAsyncCallCompletesWithTheAnswer() throws Exception {
    api.server.enqueue(json(200, MockApi.OK_BODY));

    assertEquals(
        "Hello there",
        api.client.sendAsync(ErrorTableTest.request()).get(5, TimeUnit.SECONDS).text());
  }

  @Test
  void anAsyncFailureCompletesWithTheTypedException() {
    api.server.enqueue(json(529, MockApi.error("overloaded_error", "Overloaded", "r")));

    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.util.concurrent.ExecutionException.class,
            () -> api.client.sendAsync(ErrorTableTest.request()).get(5, TimeUnit.SECONDS));

    assertEquals(dev.declaude.error.OverloadedException.class, e.getCause().getClass());
  }

  @Test
  void cancellingTheFutureCancelsTheHttpCall() throws Exception {
    api.server.enqueue(
        new okhttp3.mockwebserver.MockResponse()
            .setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));

    CompletableFuture<ClaudeResponse> future = api.client.sendAsync(ErrorTableTest.request());
    api.server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(future.cancel(true));

    org.junit.jupiter.api.Assertions.assertThrows(CancellationException.class, future::join);
    assertFalse(api.client.toString().contains(MockApi.KEY));
  }
}
