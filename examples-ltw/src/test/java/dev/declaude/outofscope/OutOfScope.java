package dev.declaude.outofscope;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;
import dev.declaude.examples.ltw.Backend;

/**
 * Annotated, but outside the application's {@code <include within="dev.declaude.examples..*"/>}.
 */
public class OutOfScope {
  @RetryOn(value = SERVER, maxAttempts = 3)
  public String answer(Backend backend) {
    return backend.call();
  }
}
