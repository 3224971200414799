package dev.declaude.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A fixed conversation turn of a {@link ClaudePrompt}, placed before the rendered user message:
 * few-shot examples. The rendered user message always comes last, so a turn is never an assistant
 * prefill.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Turn {
  /** Who speaks. */
  Role role();

  /** What is said; must not be blank. */
  String text();
}
