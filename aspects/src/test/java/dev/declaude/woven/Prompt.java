package dev.declaude.woven;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;

/** A record with an annotated method. */
public record Prompt(String text) {
  public Prompt {
    if (text.isBlank()) {
      throw new IllegalArgumentException("text is blank");
    }
  }

  @RetryOn(value = SERVER, maxAttempts = 3)
  public String ask(Script script) {
    return text + ":" + script.call();
  }
}
