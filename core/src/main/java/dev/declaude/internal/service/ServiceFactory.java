package dev.declaude.internal.service;

import dev.declaude.internal.retry.RetryPolicies;
import dev.declaude.internal.rules.ContextDescription;
import dev.declaude.internal.rules.MethodDescription;
import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.internal.rules.RetryDescription;
import dev.declaude.internal.rules.RuleSet;
import dev.declaude.internal.rules.ServiceDescription;
import dev.declaude.retry.RetryPolicy;
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
   * @throws dev.declaude.error.ServiceDefinitionException if the interface breaks a rule; it lists
   *     every one
   */
  public static <T> T create(Class<T> service, ServiceRuntime runtime) {
    Objects.requireNonNull(service, "service");
    ServiceDescription description =
        ServiceRules.requireValid(
                RuleSet.standard().withDefaultModel(runtime.defaultModel()),
                service,
                LocalDate.now(runtime.clock()))
            .description();
    List<Method> methods = ServiceClasses.abstractMethods(service);
    MethodInvoker[] invokers = new MethodInvoker[methods.size()];
    for (int i = 0; i < invokers.length; i++) {
      Method m = methods.get(i);
      MethodDescription md = ReflectiveServiceReader.method(m, service);
      invokers[i] =
          Invokers.of(
              service,
              m,
              md,
              runtime,
              policy(md, description, runtime.defaultPolicy()),
              context(md, description));
    }
    return ServiceClasses.instantiate(service, new ServiceDispatcher(service, invokers));
  }

  // The method's own, else the service's (the reader has put an inherited method's declaring type's
  // on the
  // method): the descriptions the rules have just checked, so what runs is what was checked.
  private static RetryPolicy policy(
      MethodDescription m, ServiceDescription s, RetryPolicy fallback) {
    RetryDescription found = m.retry() != null ? m.retry() : s.retry();
    return found == null ? fallback : RetryPolicies.of(found);
  }

  private static ContextDescription context(MethodDescription m, ServiceDescription s) {
    return m.context() != null ? m.context() : s.context();
  }
}
