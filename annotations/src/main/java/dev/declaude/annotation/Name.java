package dev.declaude.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link ClaudePrompt} placeholder a parameter fills, for code compiled without {@code
 * -parameters} (where the real parameter names are lost at run time).
 *
 * <pre>{@code
 * @ClaudePrompt("Question: {question}")
 * String answer(@Name("question") String q);
 * }</pre>
 *
 * <p>The name must be a Java identifier and unique among the method's parameters; it wins over the
 * parameter's own name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Name {
  /** The placeholder name, as written between the braces of the template. */
  String value();
}
