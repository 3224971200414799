package dev.declaude.internal.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What every check gets: the day, the model catalogue and the sink for violations. Not thread-safe.
 */
final class Findings {
  final LocalDate today;
  final ModelCatalogue catalogue;
  final String defaultModel;
  private final List<Violation> violations = new ArrayList<>();

  Findings(LocalDate today, ModelCatalogue catalogue, String defaultModel) {
    this.today = today;
    this.catalogue = catalogue;
    this.defaultModel = defaultModel;
  }

  void add(Rule rule, Location where, MethodDescription method, String message) {
    violations.add(
        new Violation(
            rule, SecretChecks.redact(message), where, method == null ? null : method.name()));
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }
}
