package dev.declaude.service;

import dev.declaude.wire.Content;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates input tokens locally: about four characters a token, corrected per model by what answers
 * report. Each answer's {@code usage.input_tokens} against the raw estimate of its request moves the
 * model's correction factor a third of the way (an exponential average), so a long chat converges on
 * the model's real tokenizer within a few calls. One per client; thread-safe.
 */
final class TokenEstimates {
  private static final double CHARS_PER_TOKEN = 4.0;
  private static final double LEARNING_RATE = 1.0 / 3;

  private final Map<String, Double> correction = new ConcurrentHashMap<>();

  /** Returns the raw estimate of one message: its text (and other blocks' JSON) at four characters a token. */
  static long raw(Message message) {
    return raw(message.content());
  }

  static long raw(Content content) {
    if (content == null) {
      return 0;
    }
    if (content.isText()) {
      return (long) Math.ceil(content.text().length() / CHARS_PER_TOKEN);
    }
    long chars = 0;
    for (ContentBlock b : content.blocks()) {
      chars += b.text() != null ? b.text().length() : b.fields().toString().length();
    }
    return (long) Math.ceil(chars / CHARS_PER_TOKEN);
  }

  /** Returns the raw estimate of a request's input: system prompt and every message. */
  static long raw(MessageRequest request) {
    long total = raw(request.system());
    for (Message m : request.messages()) {
      total += raw(m);
    }
    return total;
  }

  /** Returns the model's correction factor: observed tokens per raw-estimated token, 1 until learned. */
  double factor(String model) {
    return correction.getOrDefault(model, 1.0);
  }

  /** Learns from an answer: the request's raw estimate against the input tokens the API counted. */
  void learn(MessageRequest request, Integer inputTokens) {
    long raw = raw(request);
    if (inputTokens == null || inputTokens <= 0 || raw <= 0) {
      return;
    }
    double observed = inputTokens / (double) raw;
    correction.merge(request.model(), observed, (old, now) -> old + (now - old) * LEARNING_RATE);
  }
}
