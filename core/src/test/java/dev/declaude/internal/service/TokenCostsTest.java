package dev.declaude.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.annotation.Role;
import dev.declaude.internal.http.WireJson;
import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.retry.TokenCost;
import dev.declaude.wire.Content;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import dev.declaude.wire.MessageResponse;
import dev.declaude.wire.Usage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCostsTest {
  private final TokenEstimates estimates = new TokenEstimates(ModelCatalogue.standard());

  private static ClaudeResponse answered(Usage usage) {
    MessageResponse message =
        new MessageResponse(
            "msg_1",
            "message",
            "assistant",
            List.of(),
            "claude-haiku-4-5",
            "end_turn",
            null,
            usage);
    return new ClaudeResponse(
        message, new ResponseMetadata(200, "req", RateLimits.NONE, null, null));
  }

  @Test
  void aRequestReservesItsInputEstimateAndItsWholeMaxTokens() {
    MessageRequest request =
        MessageRequest.builder()
            .model("claude-haiku-4-5")
            .maxTokens(4_096)
            .addUserMessage("x".repeat(4_000))
            .build();

    TokenCost cost = TokenCosts.reserved(request, estimates);

    assertEquals(4_096, cost.outputTokens());
    // about a thousand tokens of text, never less than the raw estimate
    assertTrue(cost.inputTokens() >= 1_000, () -> cost.toString());
    assertTrue(cost.inputTokens() < 1_100, () -> cost.toString());
  }

  /**
   * Regression: an image's base64 counted as text, so a request with a 1 MB image reserved about
   * 250,000 input tokens and was refused before sending as larger than the input bucket.
   */
  @Test
  void anImageReservesNothingForItsBase64() {
    Map<String, JsonNode> source =
        Map.of(
            "source",
            WireJson.mapper()
                .createObjectNode()
                .put("type", "base64")
                .put("media_type", "image/png")
                .put("data", "A".repeat(1_000_000)));
    MessageRequest request =
        MessageRequest.builder()
            .model("claude-haiku-4-5")
            .maxTokens(100)
            .addMessage(
                new Message(
                    Role.USER,
                    Content.of(
                        List.of(
                            ContentBlock.of("image", null, source),
                            ContentBlock.text("x".repeat(400))))))
            .build();

    TokenCost cost = TokenCosts.reserved(request, estimates);

    assertTrue(cost.inputTokens() < 200, () -> cost.toString());
  }

  @Test
  void cacheReadsDoNotCountAgainstInputTokensPerMinuteButCacheWritesDo() {
    TokenCost spent = TokenCosts.spent(answered(new Usage(100, 20, 300, 5_000)));

    assertEquals(TokenCost.of(400, 20), spent);
  }

  @Test
  void anAnswerThatReportsNoUsageSpentWhatItReserved() {
    assertNull(TokenCosts.spent(answered(null)));
    assertNull(TokenCosts.spent(answered(new Usage(null, 5, null, null))));
  }

  @Test
  void negativeCountsFromAHostileServerCountAsNothing() {
    assertEquals(TokenCost.of(0, 0), TokenCosts.spent(answered(new Usage(-5, -1, -7, -3))));
  }
}
