package dev.declaude.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Checks a request's size against the model's context window before sending it: the window, minus
 * {@code maxTokens}, minus {@link #marginTokens()}. On a type it applies to every method; a
 * method's own annotation wins. Without one, requests are sent as they are and an overflow comes
 * back from the API as a {@code ContextLengthExceededException}.
 *
 * <pre>{@code
 * @ContextPolicy(Overflow.TRUNCATE_OLDEST)
 * interface SupportChat {
 *   @ClaudePrompt("{question}")
 *   String reply(Conversation history, String question);
 * }
 * }</pre>
 *
 * <p>The size is estimated locally (about four characters a token, calibrated from the input-token
 * counts that answers report) or, with {@link #countTokens()}, asked of the API's free {@code
 * count_tokens} endpoint, which costs a request. Should the API still answer that the prompt is too
 * long, {@code TRUNCATE_OLDEST} uses the numbers in its message to cut again and retries once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ContextPolicy {
  /** What to do with a request that does not fit. */
  Overflow value() default Overflow.FAIL;

  /** Tokens kept free besides {@code maxTokens}, for the estimate's error; at least 0. */
  int marginTokens() default 1024;

  /** Whether to count tokens with the API's {@code count_tokens} endpoint rather than locally. */
  boolean countTokens() default false;
}
