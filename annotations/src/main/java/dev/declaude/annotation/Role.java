package dev.declaude.annotation;

import java.util.Locale;

/** The author of a conversation turn: in {@link Turn} and in the wire model's messages. */
public enum Role {
  /** The person, or the program, asking. */
  USER,
  /** Claude. */
  ASSISTANT;

  /** Returns the role as the API spells it: {@code user} or {@code assistant}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the role the API spells {@code wire}.
   *
   * @throws IllegalArgumentException if {@code wire} is neither {@code user} nor {@code assistant}
   */
  public static Role fromWire(String wire) {
    if ("user".equals(wire)) {
      return USER;
    }
    if ("assistant".equals(wire)) {
      return ASSISTANT;
    }
    throw new IllegalArgumentException(
        "unknown role \"" + wire + "\": expected \"user\" or \"assistant\"");
  }
}
