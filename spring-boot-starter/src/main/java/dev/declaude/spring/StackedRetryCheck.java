package dev.declaude.spring;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at start-up, one line per method and annotation, when another library's retry annotation
 * would retry a {@code @ClaudePrompt} method that {@code @RetryOn} (on it or its interface) already
 * retries: two loops multiply the attempts (3 × 3 = 9 requests for one call).
 *
 * <p>{@code ClaudeClient.create()} already warns, under the same rule id, of Spring Retry's, Spring
 * Framework 7's, Resilience4j's and MicroProfile's annotations on the method itself. This check
 * adds what create() does not look at, so that each case is one line: any of these annotations on
 * the interface, where they apply to every method. Annotations are matched by name, so none of
 * these libraries is needed.
 */
final class StackedRetryCheck {
  private static final Logger LOG = LoggerFactory.getLogger(StackedRetryCheck.class);

  /**
   * Retry annotations whose loop would wrap a service bean's: those create() checks on methods (the
   * rule set's list, which is not exported to this module).
   */
  private static final Set<String> ON_TYPE =
      Set.of(
          "org.springframework.retry.annotation.Retryable",
          "org.springframework.resilience.annotation.Retryable",
          "io.github.resilience4j.retry.annotation.Retry",
          "org.eclipse.microprofile.faulttolerance.Retry");

  private StackedRetryCheck() {}

  static void warn(Class<?> service) {
    for (Method m : service.getMethods()) {
      boolean retried =
          m.isAnnotationPresent(RetryOn.class) || service.isAnnotationPresent(RetryOn.class);
      if (!m.isAnnotationPresent(ClaudePrompt.class) || !retried) {
        continue;
      }
      for (Annotation a : service.getDeclaredAnnotations()) {
        if (ON_TYPE.contains(a.annotationType().getName())) {
          log(service, m, a);
        }
      }
    }
  }

  private static void log(Class<?> service, Method m, Annotation a) {
    LOG.warn(
        "{}.{}: [declaude:retry-stacked] @{} ({}) on the type and @RetryOn{} both retry {}; stacked"
            + " retries multiply the attempts, so keep only one of them",
        service.getSimpleName(),
        m.getName(),
        a.annotationType().getSimpleName(),
        a.annotationType().getName(),
        m.isAnnotationPresent(RetryOn.class) ? "" : " on the type",
        m.getName());
  }
}
