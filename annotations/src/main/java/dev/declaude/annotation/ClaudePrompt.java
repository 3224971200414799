package dev.declaude.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an interface method as a call to Claude; {@code ClaudeClient.create(...)} implements it.
 *
 * <pre>{@code
 * interface SupportBot {
 *   @ClaudePrompt(system = "You answer customer questions in two sentences.",
 *                 value = "Question: {question}", maxTokens = 300)
 *   String answer(String question);
 * }
 * }</pre>
 *
 * <p>The template's <code>{name}</code> placeholders are replaced by the parameters of that name; a
 * doubled brace, <code>{{</code> or <code>}}</code>, stands for a literal one. The annotation
 * processor and {@code create()} check the same rules: every placeholder names a parameter and
 * every parameter is used, the template is not blank, {@code maxTokens} fits the model, and so on.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ClaudePrompt {
  /** The user-message template, with {@code {name}} placeholders bound to parameters by name. */
  String value();

  /** The system prompt; empty for none. */
  String system() default "";

  /** The model id or alias; empty for the client's default model. */
  String model() default "";

  /** The most tokens to generate; at least 1 and at most the model's output limit. */
  int maxTokens() default 1024;

  /**
   * The sampling temperature in [0, 1]; {@code NaN} (the default) sends none, leaving the model's
   * default. Models after Claude Opus 4.6 accept only 1.0.
   */
  double temperature() default Double.NaN;

  /** Sequences that stop generation; none may be blank. */
  String[] stopSequences() default {};

  /**
   * Models that answer, in order, when the model before them is overloaded (529 {@code
   * overloaded_error}): once its overload retries under {@code @RetryOn} are spent, or at its first
   * overload with {@link #fallbackAtOnce()}. Each is checked as {@link #model()} is (known, not
   * retired, {@code maxTokens} and {@code temperature} within its limits). Only overload moves a
   * call on: an invalid request, an authentication failure or a rate limit (the organisation's, not
   * the model's) never does. The fallbacks share the call's deadline
   * ({@code @RetryOn(maxElapsedMs)}) and the client's retry budget, each move counting as a retry;
   * each model gets up to {@code maxAttempts} attempts.
   */
  String[] fallbackModels() default {};

  /**
   * Whether the first overload of a model moves the call to the next of {@link #fallbackModels()}
   * at once, without retrying that model; by default its overload retries are spent first.
   */
  boolean fallbackAtOnce() default false;

  /** Fixed turns placed before the rendered user message: few-shot examples. */
  Turn[] turns() default {};
}
