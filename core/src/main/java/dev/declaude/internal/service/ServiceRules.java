package dev.declaude.internal.service;

import dev.declaude.error.ServiceDefinitionException;
import dev.declaude.internal.rules.ReflectiveServiceReader;
import dev.declaude.internal.rules.RuleSet;
import dev.declaude.internal.rules.ServiceDescription;
import dev.declaude.internal.rules.Severity;
import dev.declaude.internal.rules.Violation;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the rule set at {@code create()}: throws on the errors, logs the warnings once per type.
 * The rule set itself only reports, so the annotation processor can share it without a logger or
 * core's exceptions.
 */
public final class ServiceRules {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRules.class);
  private static final ClassValue<AtomicBoolean> WARNED =
      new ClassValue<>() {
        @Override
        protected AtomicBoolean computeValue(Class<?> type) {
          return new AtomicBoolean();
        }
      };

  private ServiceRules() {}

  /**
   * Checks {@code service} as {@code ClaudeClient.create()} does, logs its warnings once per type
   * through SLF4J, and returns the description it checked with those warnings.
   *
   * @throws ServiceDefinitionException if any rule that is an error is broken; it lists all of them
   */
  public static CheckedService requireValid(RuleSet rules, Class<?> service, LocalDate today) {
    ServiceDescription d = ReflectiveServiceReader.describe(service);
    List<Violation> all = rules.checkService(d, today);
    List<Violation> errors =
        all.stream().filter(v -> v.severity() == Severity.ERROR).collect(Collectors.toList());
    List<Violation> warnings =
        all.stream().filter(v -> v.severity() == Severity.WARNING).collect(Collectors.toList());
    if (!warnings.isEmpty() && !WARNED.get(service).getAndSet(true)) {
      for (Violation w : warnings) {
        LOG.warn("{}.{}", service.getSimpleName(), w);
      }
    }
    if (!errors.isEmpty()) {
      throw new ServiceDefinitionException(
          d.typeName(),
          errors.stream()
              .map(
                  v ->
                      new ServiceDefinitionException.Problem(
                          v.ruleId(), v.methodName(), v.message()))
              .collect(Collectors.toList()));
    }
    return new CheckedService(d, warnings);
  }

  /** A service description that broke no error rule, and the warnings it drew. */
  public record CheckedService(ServiceDescription description, List<Violation> warnings) {
    public CheckedService {
      warnings = List.copyOf(warnings);
    }
  }
}
