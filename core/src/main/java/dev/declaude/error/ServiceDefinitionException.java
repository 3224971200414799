package dev.declaude.error;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by {@code ClaudeClient.create()} when a service interface breaks declaude's rules; lists
 * every broken rule that is an error, each with its rule id and method. The annotation processor
 * reports the same rules, with the same ids, at compile time.
 *
 * <p>An {@link IllegalArgumentException}: the class passed to {@code create()} is a bad argument,
 * and no call to the API was made (so this is not a {@link ClaudeException}).
 */
public class ServiceDefinitionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * One broken rule.
   *
   * @param ruleId the rule's stable id, such as {@code placeholder-unbound}
   * @param method the method's name, or {@code null} for the type itself
   * @param message the rule, the offending value and the fix
   */
  public record Problem(String ruleId, String method, String message) {
    public Problem {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return (method == null ? "" : method + ": ") + "[declaude:" + ruleId + "] " + message;
    }
  }

  private final String serviceName;
  private final transient List<Problem> violations;

  /** Creates the exception for the type {@code serviceName} and the rules it breaks. */
  public ServiceDefinitionException(String serviceName, List<Problem> violations) {
    super(message(serviceName, violations));
    this.serviceName = serviceName;
    this.violations = List.copyOf(violations);
  }

  /** Returns the qualified name of the type that was refused. */
  public String serviceName() {
    return serviceName;
  }

  /** Returns every broken rule that is an error, in declaration order. */
  public List<Problem> violations() {
    return violations;
  }

  private static String message(String serviceName, List<Problem> violations) {
    StringBuilder b =
        new StringBuilder(serviceName)
            .append(" breaks ")
            .append(violations.size())
            .append(violations.size() == 1 ? " rule" : " rules")
            .append(" of declaude:");
    violations.forEach(v -> b.append("\n  ").append(v));
    return b.toString();
  }
}
