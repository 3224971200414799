package dev.declaude.woven;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.annotation.RetryOn;
import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.service.GeneratedService;

/**
 * Stands in for a class declaude generates for a {@code @ClaudePrompt} interface, with the
 * interface's annotation copied onto its method (as Byte Buddy can): it retries through the engine
 * itself, so the aspects must leave it alone.
 */
public class HandMadeGeneratedService implements GeneratedService {
  private static final RetryPolicy POLICY =
      RetryPolicy.builder().retryOn(SERVER).maxAttempts(3).build();

  private int executions;

  @RetryOn(value = SERVER, maxAttempts = 3)
  public String answer(Script backend) {
    executions++;
    return DeclaudeAspects.engine().execute(POLICY, backend::call);
  }

  /** Returns how many times {@link #answer} itself ran. */
  public int executions() {
    return executions;
  }
}
