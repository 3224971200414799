package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks a request body's shape the way the API's schema does, with the API's own wording
 * (claude-api.md §1.6, §3): known fields only, required fields present, types, messages, stop
 * sequences, sampling ranges. Model-dependent rules live in {@link ModelRules}. Stateless.
 */
final class RequestShape {
  static final Set<String> MESSAGES_FIELDS =
      Set.of(
          "model",
          "messages",
          "max_tokens",
          "system",
          "metadata",
          "stop_sequences",
          "stream",
          "temperature",
          "top_p",
          "top_k",
          "tools",
          "tool_choice",
          "thinking",
          "service_tier",
          "output_config",
          "output_format",
          "container",
          "context_management",
          "mcp_servers",
          "inference_geo",
          "speed",
          "cache_control");
  // count_tokens takes no max_tokens, stream or sampling fields (claude-api.md §5).
  static final Set<String> COUNT_TOKENS_FIELDS =
      Set.of(
          "model",
          "messages",
          "system",
          "tools",
          "tool_choice",
          "thinking",
          "cache_control",
          "output_config",
          "output_format",
          "context_management",
          "mcp_servers",
          "speed");

  private static final int USER_ID_MAX = 256;

  private RequestShape() {}

  /** Checks a {@code POST /v1/messages} body. */
  static void checkMessages(JsonNode body) {
    checkObject(body);
    checkFields(body, MESSAGES_FIELDS);
    require(body, "model");
    require(body, "messages");
    require(body, "max_tokens");
    checkModelType(body);
    checkMessageList(body.get("messages"));
    checkMaxTokens(body.get("max_tokens"));
    checkStopSequences(body.path("stop_sequences"));
    checkRange(body, "temperature");
    checkRange(body, "top_p");
    checkTopK(body.path("top_k"));
    checkUserId(body.path("metadata"));
    if (body.has("stream") && !body.get("stream").isBoolean()) {
      throw Rejection.invalid("stream: Input should be a valid boolean");
    }
  }

  /** Checks a {@code POST /v1/messages/count_tokens} body. */
  static void checkCountTokens(JsonNode body) {
    checkObject(body);
    checkFields(body, COUNT_TOKENS_FIELDS);
    require(body, "model");
    require(body, "messages");
    checkModelType(body);
    checkMessageList(body.get("messages"));
  }

  private static void checkObject(JsonNode body) {
    if (!body.isObject()) {
      // The API's exact wording for an unparsable body is not documented; this names the problem
      // plainly.
      throw Rejection.invalid("The request body is not valid JSON");
    }
  }

  private static void checkFields(JsonNode body, Set<String> allowed) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw Rejection.invalid(name + ": Extra inputs are not permitted");
      }
    }
  }

  private static void require(JsonNode body, String field) {
    if (!body.hasNonNull(field)) {
      throw Rejection.invalid(field + ": Field required");
    }
  }

  private static void checkModelType(JsonNode body) {
    if (!body.get("model").isTextual()) {
      throw Rejection.invalid("model: Input should be a valid string");
    }
  }

  private static void checkMaxTokens(JsonNode maxTokens) {
    if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt()) {
      throw Rejection.invalid("max_tokens: Input should be a valid integer");
    }
    // 0 is legal since 2026-04 (prompt-cache pre-warming, claude-api.md §3.4).
    if (maxTokens.asInt() < 0) {
      throw Rejection.invalid("max_tokens: Input should be greater than or equal to 0");
    }
  }

  private static void checkMessageList(JsonNode messages) {
    if (!messages.isArray()) {
      throw Rejection.invalid("messages: Input should be a valid list");
    }
    if (messages.isEmpty()) {
      throw Rejection.invalid("messages: at least one message is required");
    }
    for (int i = 0; i < messages.size(); i++) {
      checkMessage(messages.get(i), i, i == messages.size() - 1);
    }
  }

  private static void checkMessage(JsonNode message, int index, boolean last) {
    String at = "messages." + index;
    if (!message.isObject()) {
      throw Rejection.invalid(at + ": Input should be a valid dictionary");
    }
    String role = message.path("role").asText("");
    if (role.equals("system")) {
      throw Rejection.invalid(
          "messages: Unexpected role \"system\". The Messages API accepts a top-level `system`"
              + " parameter, not \"system\" as an input message role.");
    }
    if (!role.equals("user") && !role.equals("assistant")) {
      throw Rejection.invalid(at + ".role: Input should be 'user' or 'assistant'");
    }
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      throw Rejection.invalid(at + ".content: Field required");
    }
    boolean empty =
        content.isTextual() ? content.asText().isEmpty() : content.isArray() && content.isEmpty();
    if (empty) {
      if (last && role.equals("assistant")) {
        return;
      }
      throw Rejection.invalid(
          at
              + ": all messages must have non-empty content except for the optional final"
              + " assistant message");
    }
    checkContent(content, at);
  }

  private static void checkContent(JsonNode content, String at) {
    if (content.isTextual()) {
      checkText(content.asText());
      return;
    }
    if (!content.isArray()) {
      throw Rejection.invalid(at + ".content: Input should be a valid list");
    }
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      if (!block.isObject() || !block.path("type").isTextual()) {
        throw Rejection.invalid(at + ".content." + i + ".type: Field required");
      }
      if ("text".equals(block.get("type").asText())) {
        checkText(block.path("text").asText(""));
      }
    }
  }

  private static void checkText(String text) {
    if (text.isBlank()) {
      throw Rejection.invalid("messages: text content blocks must contain non-whitespace text");
    }
  }

  private static void checkStopSequences(JsonNode stops) {
    if (stops.isMissingNode() || stops.isNull()) {
      return;
    }
    if (!stops.isArray()) {
      throw Rejection.invalid("stop_sequences: Input should be a valid list");
    }
    for (JsonNode stop : stops) {
      if (!stop.isTextual()) {
        throw Rejection.invalid("stop_sequences: Input should be a valid string");
      }
      if (stop.asText().isEmpty()) {
        throw Rejection.invalid("stop_sequences: each stop sequence must be non-empty");
      }
      if (stop.asText().isBlank()) {
        throw Rejection.invalid("stop_sequences: each stop sequence must contain non-whitespace");
      }
    }
  }

  private static void checkRange(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return;
    }
    if (!value.isNumber()) {
      throw Rejection.invalid(field + ": Input should be a valid number");
    }
    if (value.asDouble() < 0) {
      throw Rejection.invalid(field + ": Input should be greater than or equal to 0");
    }
    if (value.asDouble() > 1) {
      throw Rejection.invalid(field + ": Input should be less than or equal to 1");
    }
  }

  private static void checkTopK(JsonNode topK) {
    if (topK.isMissingNode() || topK.isNull()) {
      return;
    }
    if (!topK.isIntegralNumber()) {
      throw Rejection.invalid("top_k: Input should be a valid integer");
    }
    if (topK.asLong() < 0) {
      throw Rejection.invalid("top_k: Input should be greater than or equal to 0");
    }
  }

  private static void checkUserId(JsonNode metadata) {
    JsonNode userId = metadata.path("user_id");
    if (userId.isTextual() && userId.asText().length() > USER_ID_MAX) {
      throw Rejection.invalid(
          "metadata.user_id: String should have at most " + USER_ID_MAX + " characters");
    }
  }
}
