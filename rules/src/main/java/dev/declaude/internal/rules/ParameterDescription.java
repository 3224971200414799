package dev.declaude.internal.rules;

import java.util.Objects;

/**
 * One parameter of a service method.
 *
 * @param index the position, from 0
 * @param name the parameter's name, or {@code null} when it is unknown (compiled without {@code
 *     -parameters})
 * @param explicitName the value of its {@code @Name}, or {@code null} without one
 * @param type its type
 * @param location the parameter itself
 */
public record ParameterDescription(
    int index, String name, Located<String> explicitName, TypeShape type, Location location) {

  public ParameterDescription {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
  }

  /** Returns the placeholder name the parameter answers to, or {@code null} when none is known. */
  public String placeholderName() {
    return explicitName != null ? explicitName.value() : name;
  }

  /**
   * Returns what the parameter is for: a placeholder value, the streaming callback or the history.
   */
  public ParameterRole role() {
    return ParameterRole.of(type);
  }

  /** Returns the name for messages: the placeholder name, else its position. */
  String label() {
    String n = placeholderName();
    return n != null ? n : "#" + (index + 1) + " (" + type.display() + ")";
  }
}
