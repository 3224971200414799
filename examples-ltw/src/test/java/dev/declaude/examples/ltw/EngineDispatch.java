package dev.declaude.examples.ltw;

import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.retry.RetryPolicy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a generated service's method does: run the call through the engine under the method's policy
 * (3 attempts on SERVER). Counts how often a service method itself ran.
 */
public final class EngineDispatch {
  static final RetryPolicy POLICY = RetryPolicy.builder().retryOn(SERVER).maxAttempts(3).build();
  static final AtomicInteger EXECUTIONS = new AtomicInteger();

  private EngineDispatch() {}

  /** Runs {@code backend} under the engine, as a generated service would. */
  public static String answer(Backend backend) {
    EXECUTIONS.incrementAndGet();
    return DeclaudeAspects.engine().execute(POLICY, backend::call);
  }
}
