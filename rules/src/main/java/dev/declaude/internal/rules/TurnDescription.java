package dev.declaude.internal.rules;

import dev.declaude.annotation.Role;
import java.util.Objects;

/**
 * One {@code @Turn} of a prompt.
 *
 * @param role who speaks, located at the {@code role} value
 * @param text what is said, located at the {@code text} value
 */
public record TurnDescription(Located<Role> role, Located<String> text) {
  public TurnDescription {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }
}
