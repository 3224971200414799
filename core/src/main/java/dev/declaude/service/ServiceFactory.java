package dev.declaude.service;

import dev.declaude.rules.ReflectiveServiceReader;
import dev.declaude.rules.RuleSet;
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
    RuleSet.standard().withDefaultModel(runtime.defaultModel()).requireValid(service, LocalDate.now(runtime.clock()));
    List<Method> methods = ServiceClasses.abstractMethods(service);
    MethodInvoker[] invokers = new MethodInvoker[methods.size()];
    for (int i = 0; i < invokers.length; i++) {
      Method m = methods.get(i);
      invokers[i] = Invokers.of(service, m, ReflectiveServiceReader.method(m), runtime);
    }
    return ServiceClasses.instantiate(service, new ServiceDispatcher(invokers));
  }
}
