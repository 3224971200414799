package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official Anthropic Java SDK 3.13, unchanged, against the simulator. */
class OfficialSdkTest {
  @RegisterExtension
  static final ClaudeSimulatorExtension SIM = ClaudeSimulatorExtension.withConfig(b -> b.seed(7));

  private static AnthropicClient client;

  private static final MessageCreateParams PARAMS =
      MessageCreateParams.builder()
          .model("claude-sonnet-4-6")
          .maxTokens(200)
          .addUserMessage("What is the capital of France?")
          .build();

  @BeforeAll
  static void connect() {
    client =
        AnthropicOkHttpClient.builder()
            .baseUrl(SIM.simulator().baseUrl())
            .apiKey(SIM.simulator().apiKey())
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Test
  void createReturnsTheScriptedText() {
    SIM.simulator().enqueueReply("Paris.");

    Message message = client.messages().create(PARAMS);

    assertEquals("Paris.", message.content().get(0).text().orElseThrow().text());
    assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
  }

  @Test
  void theSdksRequestPassesValidationAndUsesBearerAuth() {
    client.messages().create(PARAMS);

    ReceivedRequest request = SIM.simulator().requests().get(0);
    assertTrue(request.presentedValidKey());
    assertEquals(
        "Bearer " + ReceivedRequest.REDACTED, request.header("authorization").orElseThrow());
    assertEquals("2026-10-21", request.header("anthropic-version").orElseThrow());
  }

  @Test
  void aScripted429ReachesTheSdkAsRateLimitExceptionWithRetryAfter() {
    SIM.simulator().enqueue(Fault.status(429).retryAfter("2"));

    RateLimitException e =
        assertThrows(RateLimitException.class, () -> client.messages().create(PARAMS));

    assertEquals(429, e.statusCode());
    assertEquals(List.of("2"), e.headers().values("retry-after"));
    assertEquals("Rate limited", e.apiMessage().orElseThrow());
    assertTrue(e.requestId().orElseThrow().startsWith("req_"));
  }

  @Test
  void aStreamingCallReceivesTheDocumentedEventsInOrder() {
    SIM.simulator().enqueueReply("Paris is the capital.");
    List<String> kinds = new ArrayList<>();
    StringBuilder text = new StringBuilder();

    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(PARAMS)) {
      stream.stream()
          .forEach(
              event -> {
                kinds.add(kind(event));
                event
                    .contentBlockDelta()
                    .flatMap(d -> d.delta().text())
                    .ifPresent(d -> text.append(d.text()));
              });
    }

    // The SDK drops ping events (claude-api.md §7).
    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        kinds);
    assertEquals("Paris is the capital.", text.toString());
  }

  @Test
  void aMidStreamErrorReachesTheSdkAsSseException() {
    SIM.simulator().enqueue(Fault.streamErrorAfter(1, "overloaded_error"));

    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(PARAMS)) {
      SseException e = assertThrows(SseException.class, () -> stream.stream().forEach(event -> {}));
      assertEquals("Overloaded", e.apiMessage().orElseThrow());
    }
  }

  private static String kind(RawMessageStreamEvent event) {
    if (event.isMessageStart()) {
      return "message_start";
    }
    if (event.isContentBlockStart()) {
      return "content_block_start";
    }
    if (event.isContentBlockDelta()) {
      return "content_block_delta";
    }
    if (event.isContentBlockStop()) {
      return "content_block_stop";
    }
    if (event.isMessageDelta()) {
      return "message_delta";
    }
    return event.isMessageStop() ? "message_stop" : "other";
  }
}
