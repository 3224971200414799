package dev.declaude.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.internal.http.WireJson;

/**
 * Builds the JSON objects of a successful answer: the message, its usage, and the count_tokens
 * result.
 */
final class MessageJson {
  private MessageJson() {}

  /** Returns the complete {@code message} object of a non-streaming answer. */
  static ObjectNode message(String id, String model, Reply reply) {
    ObjectNode message = header(id, model);
    ArrayNode content = message.putArray("content");
    // An empty answer (max_tokens 0, or a stop sequence at the very start) has no text block at
    // all.
    if (!reply.text().isEmpty()) {
      content.addObject().put("type", "text").put("text", reply.text());
    }
    message.put("stop_reason", reply.stopReason());
    message.put("stop_sequence", reply.stopSequence());
    message.set("usage", usage(reply.inputTokens(), reply.outputTokens()));
    return message;
  }

  /**
   * Returns the {@code message} of a stream's {@code message_start}: no content, no stop reason
   * yet.
   */
  static ObjectNode startedMessage(String id, String model, int inputTokens) {
    ObjectNode message = header(id, model);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // The API reports one output token at message_start (claude-api.md §7 example).
    message.set("usage", usage(inputTokens, 1));
    return message;
  }

  /** Returns {@code {"input_tokens":..,"output_tokens":..}}. */
  static ObjectNode usage(int inputTokens, int outputTokens) {
    ObjectNode usage = WireJson.mapper().createObjectNode();
    usage.put("input_tokens", inputTokens);
    usage.put("output_tokens", outputTokens);
    return usage;
  }

  /** Returns {@code {"input_tokens": N}}, the count_tokens answer. */
  static String countTokens(int inputTokens) {
    return ErrorBodies.write(WireJson.mapper().createObjectNode().put("input_tokens", inputTokens));
  }

  private static ObjectNode header(String id, String model) {
    ObjectNode message = WireJson.mapper().createObjectNode();
    message.put("id", id);
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", model);
    return message;
  }
}
