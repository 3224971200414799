package dev.declaude.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.Turn;
import dev.declaude.internal.rules.MethodDescription;
import dev.declaude.internal.rules.ParameterDescription;
import dev.declaude.internal.rules.ParameterRole;
import dev.declaude.internal.rules.PromptTemplate;
import dev.declaude.wire.Content;
import dev.declaude.wire.Conversation;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a method's arguments into its request. Everything that does not depend on the arguments
 * (model, limits, system prompt, few-shot turns, output schema) is fixed once, at {@code create()};
 * a call only renders the template and, if the method takes one, appends the history. Immutable and
 * thread-safe.
 */
final class RequestRenderer {
  private final String methodName;
  private final String[] literals;
  private final String[] placeholders;
  private final int[] arguments; // the argument index of each placeholder occurrence
  private final int historyIndex;
  private final List<Message> turns;
  private final MessageRequest shape;

  RequestRenderer(
      MethodDescription method, ClaudePrompt prompt, String defaultModel, JsonNode outputConfig) {
    this.methodName = method.name();
    PromptTemplate template = PromptTemplate.parse(prompt.value());
    Map<String, Integer> argumentOf = new HashMap<>();
    int history = -1;
    for (ParameterDescription p : method.parameters()) {
      if (p.role() == ParameterRole.PLACEHOLDER) {
        argumentOf.put(p.placeholderName(), p.index());
      } else if (p.role() == ParameterRole.HISTORY) {
        history = p.index();
      }
    }
    this.historyIndex = history;
    this.literals = template.literals().toArray(String[]::new);
    this.placeholders = template.placeholderSequence().toArray(String[]::new);
    this.arguments = new int[placeholders.length];
    for (int i = 0; i < placeholders.length; i++) {
      arguments[i] = argumentOf.get(placeholders[i]);
    }
    this.turns = turns(prompt.turns());
    this.shape = shape(prompt, defaultModel, outputConfig);
  }

  private static List<Message> turns(Turn[] turns) {
    List<Message> messages = new ArrayList<>(turns.length);
    for (Turn t : turns) {
      messages.add(new Message(t.role(), Content.of(t.text())));
    }
    return List.copyOf(messages);
  }

  private static MessageRequest shape(ClaudePrompt p, String defaultModel, JsonNode outputConfig) {
    MessageRequest.Builder b =
        MessageRequest.builder()
            .model(p.model().isEmpty() ? defaultModel : p.model())
            .maxTokens(p.maxTokens())
            .stopSequences(List.of(p.stopSequences()))
            .outputConfig(outputConfig)
            // A placeholder message: build() insists on one; every call replaces the list.
            .addUserMessage("-");
    if (!p.system().isEmpty()) {
      b.system(p.system());
    }
    if (!Double.isNaN(p.temperature())) {
      b.temperature(p.temperature());
    }
    return b.build();
  }

  /**
   * Returns the request for one call.
   *
   * @throws NullPointerException if a placeholder's argument or the history is {@code null}
   */
  MessageRequest render(Object[] args) {
    List<Message> history = history(args);
    List<Message> messages = new ArrayList<>(turns.size() + history.size() + 1);
    messages.addAll(turns);
    messages.addAll(history);
    messages.add(Message.user(userText(args)));
    return shape.withMessages(messages);
  }

  /** Returns the request for one call, with where its history turns lie. */
  ContextGuard.Parts renderParts(Object[] args) {
    MessageRequest request = render(args);
    int historyEnd = request.messages().size() - 1;
    return new ContextGuard.Parts(request, turns.size(), historyEnd);
  }

  // A plain loop rather than a callback: this runs on every call, and allocates only the text.
  private String userText(Object[] args) {
    StringBuilder text = new StringBuilder(literals[0]);
    for (int i = 0; i < arguments.length; i++) {
      text.append(text(placeholders[i], args[arguments[i]])).append(literals[i + 1]);
    }
    return text.toString();
  }

  /**
   * Returns the call's conversation, if its history parameter is one, to record the exchange in.
   */
  Conversation conversation(Object[] args) {
    return historyIndex >= 0 && args[historyIndex] instanceof Conversation c ? c : null;
  }

  /** Returns the model every request of this method names. */
  String model() {
    return shape.model();
  }

  private String text(String name, Object value) {
    if (value == null) {
      throw new NullPointerException(
          "argument '"
              + name
              + "' of "
              + methodName
              + " is null: the prompt needs a "
              + "value for {"
              + name
              + "}; pass an empty string to leave it blank");
    }
    return value.toString();
  }

  @SuppressWarnings("unchecked")
  private List<Message> history(Object[] args) {
    if (historyIndex < 0) {
      return List.of();
    }
    Object value = args[historyIndex];
    if (value == null) {
      throw new NullPointerException(
          "the history argument of " + methodName + " is null; pass an empty list");
    }
    return value instanceof Conversation c ? c.messages() : (List<Message>) value;
  }
}
