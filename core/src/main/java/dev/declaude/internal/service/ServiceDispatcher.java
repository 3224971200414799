package dev.declaude.internal.service;

import java.util.Objects;

/**
 * Routes a generated method to its invoker by index. Public only because generated classes, defined in
 * the user's package, call it; not an API.
 */
public final class ServiceDispatcher {
  private final MethodInvoker[] invokers;

  ServiceDispatcher(MethodInvoker[] invokers) {
    this.invokers = Objects.requireNonNull(invokers, "invokers");
  }

  /** Runs the invoker of method {@code index} with the call's arguments. */
  public Object dispatch(int index, Object[] args) throws Throwable {
    return invokers[index].invoke(args);
  }
}
