package dev.declaude.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.wire.MessageRequest;
import org.junit.jupiter.api.Test;

class TokenEstimatesTest {
  private final TokenEstimates estimates = new TokenEstimates(ModelCatalogue.standard());

  private static MessageRequest request(String model, int rawTokens) {
    return MessageRequest.builder()
        .model(model)
        .maxTokens(10)
        .addUserMessage("x".repeat(rawTokens * 4))
        .build();
  }

  @Test
  void whatIsLearnedUnderAnAliasServesTheModelAndBack() {
    estimates.learn(request("claude-haiku-4-5", 100), 130);

    assertEquals(
        estimates.factor("claude-haiku-4-5"), estimates.factor("claude-haiku-4-5-20251001"));
    assertTrue(estimates.factor("claude-haiku-4-5-20251001") > 1.0);
  }

  @Test
  void oneAnswerMovesTheFactorOnlySoFarAndHonestAnswersBringItBack() {
    estimates.learn(request("claude-haiku-4-5", 100), 2_000_000_000);
    double poisoned = estimates.factor("claude-haiku-4-5");

    assertEquals(1 + (2 - 1) / 3.0, poisoned, 1e-9);
    for (int i = 0; i < 20; i++) {
      estimates.learn(request("claude-haiku-4-5", 100), 100);
    }
    assertEquals(1.0, estimates.factor("claude-haiku-4-5"), 0.01);
  }

  @Test
  void theFactorStaysWithinWhatAnyTokenizerCouldMean() {
    for (int i = 0; i < 50; i++) {
      estimates.learn(request("claude-haiku-4-5", 100), 1);
    }

    assertEquals(TokenEstimates.MIN_FACTOR, estimates.factor("claude-haiku-4-5"), 1e-9);
  }
}
