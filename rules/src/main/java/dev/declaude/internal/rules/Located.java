package dev.declaude.internal.rules;

import java.util.Objects;

/**
 * A value of a service declaration together with where it was written.
 *
 * @param value the value, never {@code null}
 * @param location where it was written
 */
public record Located<T>(T value, Location location) {
  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
  }

  /** Returns {@code value} at {@code location}. */
  public static <T> Located<T> of(T value, Location location) {
    return new Located<>(value, location);
  }
}
