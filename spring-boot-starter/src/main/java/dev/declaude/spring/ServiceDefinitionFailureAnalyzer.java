package dev.declaude.spring;

import dev.declaude.error.ServiceDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed because a {@code @ClaudePrompt} interface breaks declaude's
 * rules: each broken rule with its id, method and message (which states the fix), and how to catch
 * them at compile time. Registered in {@code META-INF/spring.factories}.
 */
final class ServiceDefinitionFailureAnalyzer
    extends AbstractFailureAnalyzer<ServiceDefinitionException> {
  static final String ACTION =
      "Change each method as its message says. To be told at compile time instead,"
          + " on the offending annotation in your IDE, add dev.declaude:declaude-processor to the compiler's"
          + " annotationProcessorPaths (Gradle: the annotationProcessor configuration); JDK 23 and later skip a"
          + " processor that is only on the class path.";

  @Override
  protected FailureAnalysis analyze(Throwable root, ServiceDefinitionException cause) {
    int n = cause.violations().size();
    StringBuilder d =
        new StringBuilder("The declaude service ")
            .append(cause.serviceName())
            .append(" breaks ")
            .append(n)
            .append(n == 1 ? " rule" : " rules")
            .append(":\n");
    for (ServiceDefinitionException.Problem p : cause.violations()) {
      d.append("\n    - ")
          .append(p.method() == null ? "(the interface)" : p.method())
          .append(": [declaude:")
          .append(p.ruleId())
          .append("] ")
          .append(p.message());
    }
    return new FailureAnalysis(d.toString(), ACTION, cause);
  }
}
