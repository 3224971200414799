package dev.declaude.examples.ltw;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;

/**
 * {@link HandMadeGeneratedService} without the marker: the control that shows what the marker
 * prevents.
 */
public class UnmarkedTwin implements Answerer {
  @Override
  @RetryOn(value = SERVER, maxAttempts = 3)
  public String answer(Backend backend) {
    return EngineDispatch.answer(backend);
  }
}
