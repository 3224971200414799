package dev.declaude.internal.service;

import dev.declaude.response.ClaudeResponse;
import dev.declaude.retry.TokenCost;
import dev.declaude.wire.MessageRequest;
import dev.declaude.wire.Usage;

/**
 * What a Messages request costs of the API's token limits, before it goes and after its answer: the
 * one place where a request's reservation and an answer's spending are read.
 */
public final class TokenCosts {
  private TokenCosts() {}

  /**
   * Returns what {@code request} reserves: its input tokens as {@code estimates} reckon them, and
   * its {@code max_tokens}, which the API counts against output tokens per minute when the request
   * starts (and corrects when it ends).
   */
  static TokenCost reserved(MessageRequest request, TokenEstimates estimates) {
    long output = request.maxTokens() == null ? 0 : Math.max(0, request.maxTokens());
    return TokenCost.of(estimates.reserve(request), output);
  }

  /** As {@link #reserved(MessageRequest, TokenEstimates)}, with the runtime's estimates. */
  public static TokenCost reserved(MessageRequest request, ServiceRuntime runtime) {
    return reserved(request, runtime.tokenEstimates());
  }

  /**
   * Returns what an answer spent of the token limits, or {@code null} when it reports no usage:
   * uncached input and cache writes count against input tokens per minute, cache reads do not (on
   * current models, claude-api.md §2.4); output is what it generated.
   */
  public static TokenCost spent(ClaudeResponse response) {
    Usage usage = response.usage();
    if (usage == null || usage.inputTokens() == null || usage.outputTokens() == null) {
      return null;
    }
    long input = Math.max(0, usage.inputTokens()) + nonNegative(usage.cacheCreationInputTokens());
    return TokenCost.of(input, Math.max(0, usage.outputTokens()));
  }

  private static long nonNegative(Integer n) {
    return n == null ? 0 : Math.max(0, n);
  }
}
