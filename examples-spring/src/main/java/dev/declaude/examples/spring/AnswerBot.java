package dev.declaude.examples.spring;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;

/**
 * Answers a question; a bean through {@code @EnableClaudeServices}, retried on rate limits and
 * server errors.
 */
@RetryOn({RATE_LIMIT, SERVER})
public interface AnswerBot {
  /** Returns a short answer to {@code question}. */
  @ClaudePrompt(
      system = "You answer questions in one short paragraph.",
      value = "{question}",
      maxTokens = 300)
  String answer(String question);
}
