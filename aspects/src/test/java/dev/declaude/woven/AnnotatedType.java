package dev.declaude.woven;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;

import dev.declaude.annotation.RetryOn;
import java.util.function.Supplier;

/**
 * A type-level {@code @RetryOn}: its public methods are retried, a method's own annotation wins.
 */
@RetryOn(value = RATE_LIMIT, maxAttempts = 3)
public class AnnotatedType {
  public String inherited(Script script) {
    return helper(script);
  }

  @RetryOn(value = RATE_LIMIT, maxAttempts = 2)
  public String overridden(Script script) {
    return script.call();
  }

  public String throughLambda(Script script) {
    Supplier<String> call = () -> helper(script);
    return call.get();
  }

  public static String staticOfType(Script script) {
    return script.call();
  }

  // Not public: called by advised methods, so advising it too would nest retry loops.
  private String helper(Script script) {
    return script.call();
  }
}
