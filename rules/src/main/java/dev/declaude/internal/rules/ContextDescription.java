package dev.declaude.internal.rules;

import dev.declaude.annotation.Overflow;
import java.util.Objects;

/**
 * The values of one {@code @ContextPolicy}, on a type or a method, each with where it was written.
 *
 * @param annotation the annotation as a whole
 * @param overflow what a request that does not fit does
 * @param marginTokens the tokens kept free besides {@code maxTokens}
 * @param countTokens whether the API counts the tokens of a request near the limit
 */
public record ContextDescription(
    Location annotation, Overflow overflow, Located<Integer> marginTokens, boolean countTokens) {

  public ContextDescription {
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(overflow, "overflow");
    Objects.requireNonNull(marginTokens, "marginTokens");
  }
}
