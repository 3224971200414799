package dev.declaude.internal.rules;

/**
 * Where a described value came from, opaque to the rules: each front end makes its own. The
 * processor's locations hold the element, annotation mirror and annotation value so javac can
 * underline the token; the reflective ones name the method, annotation and attribute.
 */
public interface Location {
  /** Returns a short human description, such as {@code @ClaudePrompt(maxTokens)}. */
  String describe();
}
