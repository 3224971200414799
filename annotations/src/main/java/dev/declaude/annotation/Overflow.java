package dev.declaude.annotation;

/**
 * What a {@link ContextPolicy} does with a request that does not fit the model's context window.
 */
public enum Overflow {
  /** Fail before sending, with a {@code ContextLengthExceededException} carrying the estimate. */
  FAIL,
  /**
   * Drop the oldest turns of the history parameter until the request fits, keeping the sequence
   * valid: never the system prompt, the few-shot turns or the newest user message, and never an
   * assistant turn or tool result left without the turn it answers.
   */
  TRUNCATE_OLDEST
}
