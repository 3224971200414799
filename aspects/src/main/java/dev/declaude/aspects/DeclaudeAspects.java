package dev.declaude.aspects;

import dev.declaude.retry.RetryEngine;
import java.util.Objects;

/**
 * Configures the retry engine the woven {@code @RetryOn} aspects use. AspectJ creates the aspects
 * itself, so they cannot be handed an engine the way a {@code ClaudeClient} can: the application
 * sets it here, once, at start-up. Build it in the rate-limit domain of the API key the woven code
 * calls with: it then shares the pacing, retry budget and recovery of every client of that key (in
 * the process, and in the fleet with the same {@code RateLimitStore}), so woven calls and generated
 * services spend one view of the rate limits.
 *
 * <pre>{@code
 * DeclaudeAspects.useEngine(RetryEngine.builder()
 *     .rateLimitDomain(RateLimitDomain.of(baseUrl, apiKey)) // the domain ClaudeClient uses for this key
 *     .build());
 * }</pre>
 *
 * <p>Until then, woven methods use an engine of their own, built with the defaults on first use, in
 * a rate-limit domain of its own: the only process-wide engine declaude keeps, and only for woven
 * code; clients never use it. Thread-safe: the engine is published through a {@code volatile}
 * field.
 */
public final class DeclaudeAspects {
  private static volatile RetryEngine engine;

  private DeclaudeAspects() {}

  /**
   * Makes {@code engine} the engine of every woven call that starts from now on, and returns the
   * one it replaces (a test restores it afterwards).
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static RetryEngine useEngine(RetryEngine engine) {
    RetryEngine previous = engine();
    DeclaudeAspects.engine = Objects.requireNonNull(engine, "engine");
    return previous;
  }

  /**
   * Returns the engine woven calls use: the one set by {@link #useEngine}, else the default one.
   */
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
