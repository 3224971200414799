package dev.declaude.aspects;

import dev.declaude.annotation.RetryOn;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * The join points both aspects advise: the execution of a method annotated {@link RetryOn}, or of a
 * public method declared in a type annotated {@code @RetryOn} that has no annotation of its own
 * (the method's annotation wins).
 *
 * <p>Never advised: the aspects themselves, and the classes declaude generates for
 * {@code @ClaudePrompt} interfaces ({@link dev.declaude.service.GeneratedService}): they already
 * run every call through the retry engine, so advising them too would retry every attempt again.
 *
 * <p>The type-level form covers public methods only. A private helper of an annotated class is
 * called by its public methods, which are already retried: advising the helper as well would nest
 * one retry loop in another and multiply the attempts. Annotate a helper itself to retry it.
 *
 * <p>Annotations on an interface method are not inherited by the classes implementing it (Java
 * semantics): annotate the class or its method.
 */
@Aspect
abstract class RetryOnPointcuts {
  RetryOnPointcuts() {}

  /** Every method execution that may be advised: not in the aspects, not in a generated service. */
  @Pointcut(
      "execution(* *(..))"
          + " && !within(dev.declaude.aspects..*)"
          + " && !within(dev.declaude.service.GeneratedService+)")
  void weavable() {}

  /** A method carrying {@code @RetryOn} itself, any visibility, static or not. */
  @Pointcut("weavable() && @annotation(retryOn)")
  void annotatedMethod(RetryOn retryOn) {}

  /** A public method without its own {@code @RetryOn}, declared in a type that has one. */
  @Pointcut(
      "weavable() && execution(public * *(..)) && @within(retryOn)"
          + " && !@annotation(dev.declaude.annotation.RetryOn)")
  void methodOfAnnotatedType(RetryOn retryOn) {}

  /** Either of the above. */
  @Pointcut(
      "weavable() && (@annotation(dev.declaude.annotation.RetryOn)"
          + " || (execution(public * *(..)) && @within(dev.declaude.annotation.RetryOn)))")
  void retried() {}
}
