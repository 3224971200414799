package dev.declaude.spring;

import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.retry.RetryEngine;
import org.springframework.beans.factory.DisposableBean;

/**
 * Gives woven {@code @RetryOn} code the application's retry engine while the context lives, so
 * woven calls and the client share one budget, one pacer and one set of listeners; restores the
 * engine it replaced when the context closes. Contexts that overlap in one JVM (tests) must close
 * in the reverse order they started.
 */
final class AspectsEngineBinding implements DisposableBean {
  private final RetryEngine previous;

  AspectsEngineBinding(RetryEngine engine) {
    this.previous = DeclaudeAspects.useEngine(engine);
  }

  @Override
  public void destroy() {
    DeclaudeAspects.useEngine(previous);
  }
}
