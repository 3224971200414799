package dev.declaude.examples;

import static dev.declaude.error.ErrorKind.RATE_LIMIT;
import static dev.declaude.error.ErrorKind.SERVER;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;

/** A customer-support bot: one prompt, retried on rate limits and server errors. */
@RetryOn(value = {RATE_LIMIT, SERVER}, maxAttempts = 4)
public interface SupportBot {

  /** Answers a customer's question in two sentences. */
  @ClaudePrompt(system = "You answer customer questions for an online tea shop in two sentences.",
      value = "Question: {question}", maxTokens = 300)
  String answer(String question);
}
