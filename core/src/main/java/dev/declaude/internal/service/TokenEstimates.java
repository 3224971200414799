package dev.declaude.internal.service;

import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.internal.rules.ModelInfo;
import dev.declaude.wire.Content;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Estimates input tokens locally: about four characters a token, corrected per model by what
 * answers report. Each answer's {@code usage.input_tokens} against the raw estimate of its request
 * moves the model's correction factor a third of the way (an exponential average), so a long chat
 * converges on the model's real tokenizer within a few calls.
 *
 * <p>Bounded, because an answer is the server's word: one observation counts for at most twice or
 * half the current factor, and the factor stays within {@link #MIN_FACTOR} and {@link #MAX_FACTOR}
 * (no tokenizer is that far from four characters a token). An absurd {@code input_tokens} (two
 * billion) therefore moves the estimate a little, and the next honest answers move it back, instead
 * of refusing every later call locally. Factors are kept per canonical model id, so an alias and
 * its model share what was learned.
 *
 * <p>One per client; thread-safe.
 */
final class TokenEstimates {
  private static final double CHARS_PER_TOKEN = 4.0;
  private static final double LEARNING_RATE = 1.0 / 3;

  /** The least and most tokens per four characters any factor may claim. */
  static final double MIN_FACTOR = 0.25;

  static final double MAX_FACTOR = 4.0;

  private final ModelCatalogue catalogue;
  private final Map<String, Double> correction = new ConcurrentHashMap<>();

  TokenEstimates(ModelCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * Returns the raw estimate of one message: its text (and other blocks' JSON) at four characters a
   * token.
   */
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

  /** Returns the raw estimate of the text of a request: system prompt and every message's text. */
  static long rawText(MessageRequest request) {
    long chars = text(request.system());
    for (Message m : request.messages()) {
      chars += text(m.content());
    }
    return (long) Math.ceil(chars / CHARS_PER_TOKEN);
  }

  private static long text(Content content) {
    if (content == null) {
      return 0;
    }
    if (content.isText()) {
      return content.text().length();
    }
    long chars = 0;
    for (ContentBlock b : content.blocks()) {
      chars += b.text() != null ? b.text().length() : 0;
    }
    return chars;
  }

  /** Returns the raw estimate of a request's input: system prompt and every message. */
  static long raw(MessageRequest request) {
    long total = raw(request.system());
    for (Message m : request.messages()) {
      total += raw(m);
    }
    return total;
  }

  /**
   * Returns the input tokens a request will be counted for, as the pacer reserves them: the raw
   * estimate of its text corrected by the model's factor (never below the raw estimate), plus
   * {@value #PER_MESSAGE} for each message's role markers. Erring high costs a moment's hold until
   * the answer's {@code usage} gives the difference back; erring low would cost a 429. Blocks that
   * are not text (an image, a document) are left out: their base64 length says nothing of their
   * tokens, and a reservation that large would refuse, before sending, a request the API accepts.
   * The answers' reports correct the copies for what they spent.
   */
  long reserve(MessageRequest request) {
    double corrected = rawText(request) * Math.max(1.0, factor(request.model()));
    return (long) Math.ceil(corrected) + PER_MESSAGE * (request.messages().size() + 1L);
  }

  /** Tokens reserved per message (and for the system prompt) beyond its text. */
  static final int PER_MESSAGE = 4;

  /**
   * Returns the model's correction factor: observed tokens per raw-estimated token, 1 until
   * learned.
   */
  double factor(String model) {
    return correction.getOrDefault(canonical(model), 1.0);
  }

  /** Learns from an answer: the request's raw estimate against the input tokens the API counted. */
  void learn(MessageRequest request, Integer inputTokens) {
    long raw = raw(request);
    if (inputTokens == null || inputTokens <= 0 || raw <= 0) {
      return;
    }
    double observed = inputTokens / (double) raw;
    correction.compute(
        canonical(request.model()),
        (model, old) -> {
          double current = old == null ? 1.0 : old;
          double bounded = Math.max(current / 2, Math.min(current * 2, observed));
          double next = current + (bounded - current) * LEARNING_RATE;
          return Math.max(MIN_FACTOR, Math.min(MAX_FACTOR, next));
        });
  }

  private String canonical(String model) {
    return catalogue.find(model).map(ModelInfo::id).orElse(model);
  }
}
