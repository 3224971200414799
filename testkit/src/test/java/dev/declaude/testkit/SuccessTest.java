package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClaudeSimulatorExtension.class)
class SuccessTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void aValidRequestGetsTheDocumentedMessageShape(ClaudeSimulator sim) throws IOException {
    sim.enqueueReply("Paris is the capital of France.");
    ObjectNode request =
        RawClient.request("claude-sonnet-4-6", 100, "What is the capital of France?");

    RawClient.Answer answer = new RawClient(sim).messages(RawClient.json(request));

    assertEquals(200, answer.status());
    assertTrue(answer.header("content-type").startsWith("application/json"));
    JsonNode body = answer.json();
    assertTrue(body.path("id").asText().matches("msg_01[0-9A-Za-z]{22}"), body.toString());
    assertEquals("message", body.path("type").asText());
    assertEquals("assistant", body.path("role").asText());
    assertEquals("claude-sonnet-4-6", body.path("model").asText());
    assertEquals(1, body.path("content").size());
    assertEquals("text", body.path("content").get(0).path("type").asText());
    assertEquals(
        "Paris is the capital of France.", body.path("content").get(0).path("text").asText());
    assertEquals("end_turn", body.path("stop_reason").asText());
    assertTrue(body.path("stop_sequence").isNull());
    assertEquals(
        TokenEstimator.inputTokens(request), body.path("usage").path("input_tokens").asInt());
    assertEquals(
        TokenEstimator.tokens("Paris is the capital of France."),
        body.path("usage").path("output_tokens").asInt());
  }

  @Test
  void everyAnswerCarriesTheIdentityAndRateLimitHeaders(ClaudeSimulator sim) throws IOException {
    RawClient.Answer answer = new RawClient(sim).messages(RawClient.json(RawClient.request("Hi")));

    assertTrue(answer.header("request-id").matches("req_[0-9A-Za-z]{24}"));
    assertEquals(sim.organizationId(), answer.header("anthropic-organization-id"));
    for (String kind : List.of("requests", "tokens", "input-tokens", "output-tokens")) {
      String prefix = "anthropic-ratelimit-" + kind;
      assertTrue(Long.parseLong(answer.header(prefix + "-limit")) > 0, kind);
      assertTrue(Long.parseLong(answer.header(prefix + "-remaining")) >= 0, kind);
      Instant.parse(answer.header(prefix + "-reset"));
    }
    assertEquals(
        0, Long.parseLong(answer.header("anthropic-ratelimit-input-tokens-remaining")) % 1000);
  }

  @Test
  void scriptedRepliesAreUsedInOrderThenTheDefaultEcho(ClaudeSimulator sim) throws IOException {
    sim.enqueueReply("first").enqueueReply("second");
    RawClient client = new RawClient(sim);
    String body = RawClient.json(RawClient.request("Tell me about whales"));

    assertEquals("first", text(client.messages(body)));
    assertEquals("second", text(client.messages(body)));
    assertEquals("Simulated reply to: Tell me about whales", text(client.messages(body)));
  }

  @Test
  void aReplierWritesRepliesWhenNothingIsScripted() throws IOException {
    try (ClaudeSimulator sim =
        ClaudeSimulator.builder()
            .replier(request -> request.lastUserText().toUpperCase())
            .build()
            .start()) {
      assertEquals(
          "SHOUT", text(new RawClient(sim).messages(RawClient.json(RawClient.request("shout")))));
    }
  }

  @Test
  void aReplyLongerThanMaxTokensIsCutWithStopReasonMaxTokens(ClaudeSimulator sim)
      throws IOException {
    sim.enqueueReply("0123456789abcdefghij");
    RawClient.Answer answer =
        new RawClient(sim).messages(RawClient.json(RawClient.request(RawClient.MODEL, 3, "Hi")));

    assertEquals("0123456789ab", text(answer));
    assertEquals("max_tokens", answer.json().path("stop_reason").asText());
    assertEquals(3, answer.json().path("usage").path("output_tokens").asInt());
  }

  @Test
  void maxTokensZeroReturnsNoContent(ClaudeSimulator sim) throws IOException {
    RawClient.Answer answer =
        new RawClient(sim).messages(RawClient.json(RawClient.request(RawClient.MODEL, 0, "Hi")));

    assertEquals(0, answer.json().path("content").size());
    assertEquals("max_tokens", answer.json().path("stop_reason").asText());
  }

  @Test
  void aReplyIsCutBeforeTheFirstStopSequence(ClaudeSimulator sim) throws IOException {
    sim.enqueueReply("one, two, STOP three END four");
    ObjectNode request = RawClient.request("Count");
    request.putArray("stop_sequences").add("END").add("STOP");

    RawClient.Answer answer = new RawClient(sim).messages(RawClient.json(request));

    assertEquals("one, two, ", text(answer));
    assertEquals("stop_sequence", answer.json().path("stop_reason").asText());
    assertEquals("STOP", answer.json().path("stop_sequence").asText());
  }

  @Test
  void fromClaude45OnGenerationStopsAtTheContextWindow(ClaudeSimulator sim) throws IOException {
    // 199,995 tokens of prompt + 3 per message leaves 2 tokens of Haiku 4.5's 200,000 window.
    sim.enqueueReply("a reply much longer than two tokens");
    ObjectNode request = RawClient.request("claude-haiku-4-5", 4096, "abcd".repeat(199_995));

    RawClient.Answer answer = new RawClient(sim).messages(RawClient.json(request));

    assertEquals(200, answer.status());
    assertEquals("a reply ", text(answer));
    assertEquals("model_context_window_exceeded", answer.json().path("stop_reason").asText());
  }

  @Test
  void countTokensReturnsTheEstimatorsCount(ClaudeSimulator sim) throws IOException {
    ObjectNode request = RawClient.request("Hello there, how are you?");
    request.remove("max_tokens");
    request.put("system", "You are terse.");
    ((ArrayNode) request.get("messages"))
        .addObject()
        .put("role", "assistant")
        .put("content", "Fine.");

    RawClient.Answer answer =
        new RawClient(sim).post("/v1/messages/count_tokens", RawClient.json(request));

    assertEquals(200, answer.status());
    int expected =
        TokenEstimator.tokens("You are terse.")
            + 2 * TokenEstimator.PER_MESSAGE_OVERHEAD
            + TokenEstimator.tokens("Hello there, how are you?")
            + TokenEstimator.tokens("Fine.");
    assertEquals("{\"input_tokens\":" + expected + "}", answer.body());
  }

  @Test
  void requestIdsAreUnique(ClaudeSimulator sim) throws IOException {
    RawClient client = new RawClient(sim);
    String body = RawClient.json(RawClient.request("Hi"));
    assertNotEquals(
        client.messages(body).header("request-id"), client.messages(body).header("request-id"));
  }

  @Test
  void requestsAreRecordedWithTheirBodies(ClaudeSimulator sim) throws IOException {
    new RawClient(sim).messages(RawClient.json(RawClient.request("Record me")));

    assertEquals(1, sim.requestCount());
    ReceivedRequest recorded = sim.requests().get(0);
    assertEquals("POST", recorded.method());
    assertEquals("/v1/messages", recorded.path());
    assertEquals("2023-06-01", recorded.header("Anthropic-Version").orElseThrow());
    assertEquals("Record me", recorded.lastUserText());
    assertEquals(RawClient.MODEL, recorded.model().orElseThrow());
    assertEquals(recorded.json(), RawClient.request("Record me"));
  }

  @Test
  void theFakeClockDrivesTheResetHeaders() throws IOException {
    try (ClaudeSimulator sim = ClaudeSimulator.builder().clock(FakeClock.at(NOW)).build().start()) {
      RawClient.Answer answer =
          new RawClient(sim).messages(RawClient.json(RawClient.request("Hi")));
      assertEquals("2026-11-24T10:00:00Z", answer.header("anthropic-ratelimit-requests-reset"));
    }
  }

  static String text(RawClient.Answer answer) {
    return answer.json().path("content").path(0).path("text").asText();
  }
}
