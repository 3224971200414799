package dev.declaude.internal.service;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a generated method to its invoker. Generated classes, defined in the user's package (and,
 * on the module path, in the user's module), see it only as an {@link InvocationHandler}: a type of
 * {@code java.base}, which every module can use, where this class's package is not exported.
 */
final class ServiceDispatcher implements InvocationHandler {
  private static final Object[] NO_ARGUMENTS = new Object[0];

  private final Map<Method, MethodInvoker> invokers;

  /**
   * Creates the dispatcher of {@code service}.
   *
   * @param invokers one per abstract method of {@code service}, in {@link
   *     ServiceClasses#abstractMethods} order
   */
  ServiceDispatcher(Class<?> service, MethodInvoker[] invokers) {
    List<Method> methods = ServiceClasses.abstractMethods(service);
    if (methods.size() != invokers.length) {
      throw new IllegalArgumentException(
          service.getName()
              + " has "
              + methods.size()
              + " abstract methods, not "
              + invokers.length);
    }
    this.invokers = new HashMap<>();
    for (int i = 0; i < invokers.length; i++) {
      this.invokers.put(methods.get(i), invokers[i]);
    }
  }

  /**
   * Runs the invoker of {@code method} with the call's arguments; what it throws passes through as
   * is.
   */
  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    return invokers.get(method).invoke(args == null ? NO_ARGUMENTS : args);
  }
}
