package dev.declaude.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.internal.http.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an answer as the API's server-sent events, in the documented order (claude-api.md §7):
 * {@code message_start}, {@code ping}, {@code content_block_start}, text deltas, {@code
 * content_block_stop}, {@code message_delta}, {@code message_stop}; each as {@code event:
 * NAME\ndata: JSON\n\n}.
 */
final class SseWriter {
  /** Characters per text delta: small, so even a short reply arrives in several pieces. */
  static final int CHUNK_CHARS = 10;

  private SseWriter() {}

  /** Returns the whole event stream of a completed answer. */
  static String stream(String id, String model, Reply reply) {
    StringBuilder out = opening(id, model, reply.inputTokens());
    for (String chunk : chunks(reply.text())) {
      event(out, delta(chunk));
    }
    event(out, node("content_block_stop").put("index", 0));
    ObjectNode messageDelta = node("message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", reply.stopReason())
        .put("stop_sequence", reply.stopSequence());
    // Usage in message_delta is cumulative.
    messageDelta.set("usage", MessageJson.usage(reply.inputTokens(), reply.outputTokens()));
    event(out, messageDelta);
    event(out, node("message_stop"));
    return out.toString();
  }

  /**
   * Returns a stream that sends exactly {@code deltas} text deltas and then an {@code error} event.
   */
  static String streamWithError(String id, String model, Reply reply, int deltas, ApiError error) {
    StringBuilder out = opening(id, model, reply.inputTokens());
    List<String> chunks = chunks(reply.text());
    for (int i = 0; i < deltas; i++) {
      event(out, delta(i < chunks.size() ? chunks.get(i) : " more"));
    }
    out.append("event: error\ndata: ").append(ErrorBodies.streamEvent(error)).append("\n\n");
    return out.toString();
  }

  /**
   * Splits {@code text} into pieces of at most {@value #CHUNK_CHARS} characters, never inside a
   * surrogate pair.
   */
  static List<String> chunks(String text) {
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + CHUNK_CHARS);
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      chunks.add(text.substring(start, end));
      start = end;
    }
    return chunks;
  }

  private static StringBuilder opening(String id, String model, int inputTokens) {
    StringBuilder out = new StringBuilder();
    event(
        out,
        node("message_start").set("message", MessageJson.startedMessage(id, model, inputTokens)));
    event(out, node("ping"));
    ObjectNode blockStart = node("content_block_start").put("index", 0);
    blockStart.putObject("content_block").put("type", "text").put("text", "");
    event(out, blockStart);
    return out;
  }

  private static ObjectNode delta(String text) {
    ObjectNode delta = node("content_block_delta").put("index", 0);
    delta.putObject("delta").put("type", "text_delta").put("text", text);
    return delta;
  }

  private static ObjectNode node(String type) {
    return WireJson.mapper().createObjectNode().put("type", type);
  }

  private static void event(StringBuilder out, com.fasterxml.jackson.databind.JsonNode data) {
    out.append("event: ")
        .append(data.path("type").asText())
        .append('\n')
        .append("data: ")
        .append(ErrorBodies.write(data))
        .append("\n\n");
  }
}
