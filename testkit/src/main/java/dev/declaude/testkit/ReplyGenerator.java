package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.internal.rules.ModelInfo;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Decides what the simulated model says: the next scripted reply, else the replier's answer, else
 * JSON following the requested schema (structured output), else a deterministic echo of the last
 * user message; then cuts it at the first stop sequence or at the token budget, as generation would
 * stop. Thread-safe.
 */
final class ReplyGenerator {
  private static final int ECHO_CHARS = 60;

  private final Queue<String> scripted = new ConcurrentLinkedQueue<>();
  private final Function<ReceivedRequest, String> replier;

  ReplyGenerator(Function<ReceivedRequest, String> replier) {
    this.replier = replier;
  }

  /** Queues a reply for a later successful request. */
  void enqueue(String text) {
    scripted.add(text);
  }

  /** Forgets every queued reply. */
  void clear() {
    scripted.clear();
  }

  /** Returns the reply to a valid Messages request. */
  Reply reply(ReceivedRequest request, ModelInfo model, int inputTokens) {
    String full = rawText(request);
    JsonNode body = request.json();
    int maxTokens = body.path("max_tokens").asInt();
    int budget = maxTokens;
    String budgetReason = "max_tokens";
    // From Claude 4.5 on, a request whose input + max_tokens overflow the window is accepted and
    // generation
    // stops at the window (claude-api.md §1.6).
    long windowLeft = (long) model.contextWindow() - inputTokens;
    if (!ModelRules.checksWindowUpfront(model) && windowLeft < maxTokens) {
      budget = (int) Math.max(0, windowLeft);
      budgetReason = "model_context_window_exceeded";
    }
    Stop stop = firstStop(full, body.path("stop_sequences"));
    if (stop != null && TokenEstimator.tokens(full.substring(0, stop.index)) <= budget) {
      return reply(full.substring(0, stop.index), "stop_sequence", stop.sequence, inputTokens);
    }
    if (TokenEstimator.tokens(full) > budget) {
      return reply(cut(full, budget), budgetReason, null, inputTokens);
    }
    return reply(full, "end_turn", null, inputTokens);
  }

  private String rawText(ReceivedRequest request) {
    String next = scripted.poll();
    if (next != null) {
      return next;
    }
    if (replier != null) {
      String answer = replier.apply(request);
      return answer == null ? "" : answer;
    }
    JsonNode schema = SchemaInstances.requestedSchema(request.json());
    if (schema != null) {
      return SchemaInstances.example(schema).toString();
    }
    return defaultReply(request.lastUserText());
  }

  /**
   * Returns the reply used when nothing is scripted: {@code "Simulated reply to: "} and the
   * prompt's start.
   */
  static String defaultReply(String lastUserText) {
    String start =
        lastUserText.length() <= ECHO_CHARS ? lastUserText : lastUserText.substring(0, ECHO_CHARS);
    return "Simulated reply to: " + start.strip();
  }

  private static Reply reply(String text, String reason, String sequence, int inputTokens) {
    return new Reply(text, reason, sequence, inputTokens, TokenEstimator.tokens(text));
  }

  private static String cut(String text, int tokens) {
    int end = (int) Math.min(text.length(), (long) tokens * TokenEstimator.CHARS_PER_TOKEN);
    // Never split a surrogate pair: the cut text must stay valid UTF-16.
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private static Stop firstStop(String text, JsonNode sequences) {
    Stop first = null;
    for (JsonNode node : sequences) {
      int index = text.indexOf(node.asText());
      if (index >= 0 && (first == null || index < first.index)) {
        first = new Stop(index, node.asText());
      }
    }
    return first;
  }

  private record Stop(int index, String sequence) {}
}
