package dev.declaude.examples.ltw;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;

/**
 * A service interface whose method carries {@code @RetryOn}, as a {@code @ClaudePrompt} interface
 * would.
 */
public interface Answerer {
  @RetryOn(value = SERVER, maxAttempts = 3)
  String answer(Backend backend);
}
