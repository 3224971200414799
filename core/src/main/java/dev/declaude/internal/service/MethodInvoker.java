package dev.declaude.internal.service;

/**
 * Carries out one method of a service: render the request, send it through the engine, map the
 * answer.
 */
@FunctionalInterface
interface MethodInvoker {
  Object invoke(Object[] args) throws Throwable;
}
