package dev.declaude.aspects;

import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.annotation.AfterThrowing;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.SuppressAjWarnings;

/**
 * Replaces foreign failures thrown by a {@code @RetryOn} method with declaude's typed exceptions,
 * inside each attempt, so that {@link RetryAspect} can retry them by kind and callers catch one
 * hierarchy.
 *
 * <ul>
 *   <li>The official Anthropic SDK's {@code AnthropicServiceException} (any status, and {@code
 *       SseException} for an error inside a 200 stream) becomes the {@link
 *       dev.declaude.error.ClaudeApiException} of declaude's error table, with the request id,
 *       {@code retry-after(-ms)}, {@code x-should-retry} and rate-limit headers kept; its {@code
 *       AnthropicIoException} becomes a connection or timeout failure. Only when the SDK is on the
 *       class path.
 *   <li>A network failure of an HTTP stack (also inside an {@link java.io.UncheckedIOException}): a
 *       refused, reset or closed connection, a timeout, an unknown host, a TLS failure, a broken
 *       HTTP exchange, becomes a {@link dev.declaude.error.ClaudeTimeoutException} for a timeout,
 *       else a {@link dev.declaude.error.ClaudeConnectionException}.
 *   <li>Declaude's own exceptions, and everything else, pass through untouched: a woven method's
 *       own {@code IOException} (a missing file, a JSON parse error) is the method's business,
 *       never retried.
 * </ul>
 *
 * <p>The foreign exception stays attached to the typed one (as its cause), so nothing is lost.
 */
@Aspect
public class ErrorTranslationAspect {

  /** Rethrows a foreign failure of an advised method as its declaude exception. */
  @AfterThrowing(pointcut = "dev.declaude.aspects.RetryOnPointcuts.retried()", throwing = "failure")
  @SuppressAjWarnings("adviceDidNotMatch")
  public void translate(JoinPoint.StaticPart at, Throwable failure) {
    Throwable typed = ForeignFailures.translate(failure, at.getSignature().toShortString());
    if (typed != failure) {
      // Every translation is a ClaudeException: unchecked, so it may replace a checked failure.
      throw (RuntimeException) typed;
    }
  }
}
