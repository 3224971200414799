package dev.declaude.aspects;

import dev.declaude.retry.RetryEngine;
import java.util.Objects;

/**
 * Configures the retry engine the woven {@code @RetryOn} aspects use. AspectJ creates the aspects itself, so
 * they cannot be handed an engine the way a {@code ClaudeClient} can: the application sets it here, once, at
 * start-up, typically the engine its client of the same organisation uses, so woven calls and generated
 * services share one budget and one view of the rate limits.
 *
 * <pre>{@code
 * RetryEngine engine = RetryEngine.builder().build();
 * DeclaudeAspects.useEngine(engine);
 * ClaudeClient claude = ClaudeClient.builder().apiKey(key).retryEngine(engine).build();
 * }</pre>
 *
 * <p>Until then, woven methods use an engine of their own, built with the defaults on first use: the only
 * process-wide engine declaude keeps, and only for woven code; clients never use it. Thread-safe: the
 * engine is published through a {@code volatile} field.
 */
public final class DeclaudeAspects {
  private static volatile RetryEngine engine;

  private DeclaudeAspects() {}

  /**
   * Makes {@code engine} the engine of every woven call that starts from now on, and returns the one it
   * replaces (a test restores it afterwards).
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static RetryEngine useEngine(RetryEngine engine) {
    RetryEngine previous = engine();
    DeclaudeAspects.engine = Objects.requireNonNull(engine, "engine");
    return previous;
  }

  /** Returns the engine woven calls use: the one set by {@link #useEngine}, else the default one. */
  public static RetryEngine engine() {
    RetryEngine e = engine;
    if (e == null) {
      synchronized (DeclaudeAspects.class) {
        e = engine;
        if (e == null) {
          e = RetryEngine.builder().build();
          engine = e;
        }
      }
    }
    return e;
  }
}
