package dev.declaude.examples;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.Overflow;
import dev.declaude.annotation.RetryOn;
import dev.declaude.wire.Conversation;

/**
 * A support chat bot with memory: each reply sees the conversation so far, which the service
 * extends after every successful call. Rate limits and server errors are retried; a conversation
 * too long for the model's window loses its oldest turns rather than failing.
 */
@RetryOn(
    value = {RATE_LIMIT, SERVER},
    maxAttempts = 5)
public interface SupportChat {

  /** Answers the customer's next message, remembering the conversation. */
  @ContextPolicy(Overflow.TRUNCATE_OLDEST)
  @ClaudePrompt(
      system = "You are the support agent of an online tea shop. Answer in two sentences.",
      value = "{message}",
      model = "claude-haiku-4-5",
      maxTokens = 300)
  String reply(Conversation history, String message);

  /**
   * The same, without a context policy: an oversized conversation fails with the API's own error.
   */
  @ClaudePrompt(
      system = "You are the support agent of an online tea shop. Answer in two sentences.",
      value = "{message}",
      model = "claude-haiku-4-5",
      maxTokens = 300)
  String replyUnguarded(Conversation history, String message);
}
