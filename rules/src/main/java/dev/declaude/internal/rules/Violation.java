package dev.declaude.internal.rules;

import java.util.Objects;

/**
 * One broken rule: which, how bad, what to do, and where. Both front ends render it with {@link
 * #render()}.
 *
 * @param rule the rule broken
 * @param message the rule, the offending value and the fix, without the tag
 * @param location the value that breaks it, in the front end's terms
 * @param methodName the method it concerns, or {@code null} for the type itself
 */
public record Violation(Rule rule, String message, Location location, String methodName) {
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
  }

  /** Returns the rule's stable id. */
  public String ruleId() {
    return rule.id();
  }

  /** Returns the rule's severity. */
  public Severity severity() {
    return rule.severity();
  }

  /** Returns the message as both front ends show it: {@code [declaude:<id>] <message>}. */
  public String render() {
    return rule.tag() + " " + message;
  }

  @Override
  public String toString() {
    return (methodName == null ? "" : methodName + ": ") + render();
  }
}
