package dev.declaude.internal.service;

import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.internal.rules.RuleSet;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.retry.RetryPolicy;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Implements {@code @ClaudePrompt} interfaces. Not an API: call {@code ClaudeClient.create(...)}.
 */
public final class ServiceFactory {
  private ServiceFactory() {}

  /**
   * Returns an implementation of {@code service} that calls Claude through {@code runtime}.
   *
   * @throws dev.declaude.error.ServiceDefinitionException if the interface breaks a rule; it lists every one
   */
  public static <T> T create(Class<T> service, ServiceRuntime runtime) {
    Objects.requireNonNull(service, "service");
    ServiceRules.requireValid(
        RuleSet.standard().withDefaultModel(runtime.defaultModel()), service, LocalDate.now(runtime.clock()));
    List<Method> methods = ServiceClasses.abstractMethods(service);
    MethodInvoker[] invokers = new MethodInvoker[methods.size()];
    for (int i = 0; i < invokers.length; i++) {
      Method m = methods.get(i);
      invokers[i] = Invokers.of(service, m, ReflectiveServiceReader.method(m), runtime,
          RetryPolicy.resolve(service, m, runtime.defaultPolicy()), annotation(service, m, ContextPolicy.class));
    }
    return ServiceClasses.instantiate(service, new ServiceDispatcher(invokers));
  }

  // Found the way RetryPolicy.resolve finds @RetryOn: the method, the service interface, the declaring one.
  private static <A extends Annotation> A annotation(Class<?> service, Method method, Class<A> type) {
    A found = method.getAnnotation(type);
    if (found == null) {
      found = service.getAnnotation(type);
    }
    return found != null ? found : method.getDeclaringClass().getAnnotation(type);
  }
}
