package dev.declaude.internal.rules;

import java.util.Objects;

/**
 * The values of one {@code @ContextPolicy}, on a type or a method, each with where it was written.
 *
 * @param annotation the annotation as a whole
 * @param marginTokens the tokens kept free besides {@code maxTokens}
 */
public record ContextDescription(Location annotation, Located<Integer> marginTokens) {

  public ContextDescription {
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(marginTokens, "marginTokens");
  }
}
