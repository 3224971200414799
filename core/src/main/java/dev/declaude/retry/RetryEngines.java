package dev.declaude.retry;

import java.util.Objects;

/**
 * Holds the process-wide {@link RetryEngine}, for code that cannot be handed one: AspectJ creates its
 * aspects itself, so they reach the engine statically. Applications replace it once at start-up;
 * tests replace it and call {@link #resetShared()} afterwards.
 *
 * <p>Thread-safe: the engine is published through a {@code volatile} field.
 */
public final class RetryEngines {
  private static volatile RetryEngine shared;

  private RetryEngines() {}

  /** Returns the shared engine, building a default one ({@code RetryEngine.builder().build()}) on first use. */
  public static RetryEngine shared() {
    RetryEngine e = shared;
    if (e == null) {
      synchronized (RetryEngines.class) {
        e = shared;
        if (e == null) {
          e = RetryEngine.builder().build();
          shared = e;
        }
      }
    }
    return e;
  }

  /**
   * Makes {@code engine} the shared engine for every later call of {@link #shared()}.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static void setShared(RetryEngine engine) {
    shared = Objects.requireNonNull(engine, "engine");
  }

  /** Drops the shared engine; the next {@link #shared()} builds a fresh default one. */
  public static void resetShared() {
    shared = null;
  }
}
