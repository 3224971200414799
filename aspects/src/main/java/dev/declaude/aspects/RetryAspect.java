package dev.declaude.aspects;

import dev.declaude.annotation.RetryOn;
import dev.declaude.retry.RetryPolicy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.DeclarePrecedence;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Retries woven methods annotated {@link RetryOn} (or declared in an annotated type) through the
 * shared {@linkplain DeclaudeAspects.engine() retry engine}, the same engine generated services
 * use.
 *
 * <pre>{@code
 * @RetryOn({RATE_LIMIT, SERVER})
 * public String answer(String question) {
 *   return sdkClient.messages().create(params).content().get(0).asText().text();
 * }
 * }</pre>
 *
 * <p>A thin adapter: it resolves the method's {@link RetryPolicy} once per join point and hands
 * {@code proceed} to the engine, which owns backoff, {@code retry-after}, budget and pacing. {@link
 * ErrorTranslationAspect} runs inside every attempt ({@link DeclarePrecedence}), so an SDK or I/O
 * failure reaches the engine already typed, and is retried when its kind is listed.
 *
 * <p>One logical call has one retry loop: an advised method called inside another advised call's
 * attempt (or a generated service called inside an advised method) makes one attempt per outer
 * attempt. Methods returning a {@code CompletableFuture} are retried only when they throw; a future
 * that fails later is not retried.
 *
 * <p>Thread-safe.
 */
@Aspect
@DeclarePrecedence("dev.declaude.aspects.RetryAspect, dev.declaude.aspects.ErrorTranslationAspect")
public class RetryAspect {
  // StaticPart is one object per join point with identity hashing: a cheap, exact cache key.
  private final ConcurrentMap<JoinPoint.StaticPart, RetryPolicy> policies =
      new ConcurrentHashMap<>();

  /** Retries a method that carries {@code @RetryOn} itself. */
  @Around("dev.declaude.aspects.RetryOnPointcuts.annotatedMethod(retryOn)")
  @SuppressAjWarnings("adviceDidNotMatch")
  public Object retryAnnotatedMethod(ProceedingJoinPoint call, RetryOn retryOn) {
    return retry(call, retryOn);
  }

  /** Retries a public method of a type that carries {@code @RetryOn}. */
  @Around("dev.declaude.aspects.RetryOnPointcuts.methodOfAnnotatedType(retryOn)")
  @SuppressAjWarnings("adviceDidNotMatch")
  public Object retryMethodOfAnnotatedType(ProceedingJoinPoint call, RetryOn retryOn) {
    return retry(call, retryOn);
  }

  private Object retry(ProceedingJoinPoint call, RetryOn retryOn) {
    RetryPolicy policy =
        policies.computeIfAbsent(call.getStaticPart(), at -> Policies.of(retryOn, at));
    return DeclaudeAspects.engine().execute(policy, call::proceed);
  }
}
