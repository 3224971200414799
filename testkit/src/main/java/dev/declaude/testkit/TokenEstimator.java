package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulator's deterministic token count, public so tests can predict what the simulator will
 * report.
 *
 * <p>Text costs one token per four characters, rounded up. A request costs the tokens of its system
 * prompt, of every text block (tool results included), of every tool-use input and tool definition
 * (as JSON), plus {@value #PER_MESSAGE_OVERHEAD} tokens per message for the role markers. Adding
 * text to a request never lowers its count. Stateless and thread-safe.
 */
public final class TokenEstimator {
  /** Tokens every message costs beyond its text, like the role markers of a real tokenizer. */
  public static final int PER_MESSAGE_OVERHEAD = 3;

  /** Characters per token. */
  public static final int CHARS_PER_TOKEN = 4;

  private TokenEstimator() {}

  /**
   * Returns the tokens of {@code text}: its length divided by four, rounded up; 0 for null or
   * empty.
   */
  public static int tokens(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  /** Returns the input tokens of a Messages or count_tokens request body. */
  public static int inputTokens(JsonNode request) {
    long total = content(request.path("system"));
    JsonNode tools = request.path("tools");
    if (tools.isArray() && !tools.isEmpty()) {
      total += tokens(tools.toString());
    }
    for (JsonNode message : request.path("messages")) {
      total += PER_MESSAGE_OVERHEAD + content(message.path("content"));
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  private static long content(JsonNode content) {
    if (content.isTextual()) {
      return tokens(content.asText());
    }
    long total = 0;
    if (content.isArray()) {
      for (JsonNode block : content) {
        total += block(block);
      }
    }
    return total;
  }

  private static long block(JsonNode block) {
    if (block.hasNonNull("text")) {
      return tokens(block.path("text").asText());
    }
    if (block.has("input")) {
      return tokens(block.get("input").toString());
    }
    return content(block.path("content"));
  }
}
