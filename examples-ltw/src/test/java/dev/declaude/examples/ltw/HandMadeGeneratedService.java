package dev.declaude.examples.ltw;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;
import dev.declaude.service.GeneratedService;

/**
 * Written as Byte Buddy could generate it: marker interface, annotation copied, retries through the
 * engine.
 */
public class HandMadeGeneratedService implements Answerer, GeneratedService {
  @Override
  @RetryOn(value = SERVER, maxAttempts = 3)
  public String answer(Backend backend) {
    return EngineDispatch.answer(backend);
  }
}
