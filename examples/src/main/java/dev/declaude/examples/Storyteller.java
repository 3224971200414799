package dev.declaude.examples;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import java.util.function.Consumer;

/**
 * A streaming answer: the text arrives in pieces as Claude writes it. A stream that fails before
 * its first piece is retried; one that fails later throws a {@code StreamInterruptedException}
 * holding the text already shown, never a silent replay.
 */
@RetryOn(SERVER)
public interface Storyteller {

  /** Streams a short story to {@code onText} and returns it whole. */
  @ClaudePrompt(value = "Write a three-sentence story about {topic}.", maxTokens = 400)
  String tell(String topic, Consumer<String> onText);
}
