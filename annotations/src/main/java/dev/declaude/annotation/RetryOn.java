package dev.declaude.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a call that fails with one of the listed kinds, with exponential backoff and jitter,
 * honouring the server's {@code retry-after}. On a type it applies to every method; a method's own
 * annotation wins.
 *
 * <pre>{@code
 * @RetryOn({RATE_LIMIT, SERVER})
 * interface SupportBot { ... }
 * }</pre>
 *
 * <p>Kinds nest: {@code SERVER} also retries {@code OVERLOADED}. Only kinds that a retry can fix
 * may be named: {@code RATE_LIMIT}, {@code SERVER}, {@code OVERLOADED}, {@code TIMEOUT}, {@code
 * CONNECTION}, {@code CONFLICT}. The wait before retry n is {@code min(maxDelayMs, initialDelayMs ×
 * multiplier^(n-1))}, then jittered; a {@code retry-after} from the server is the least wait, even
 * above {@code maxDelayMs}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetryOn {
  /** The kinds of failure to retry. */
  ErrorKind[] value();

  /** All attempts, the first included; at least 1. */
  int maxAttempts() default 3;

  /** The wait before the first retry, in milliseconds; at most {@link #maxDelayMs()}. */
  long initialDelayMs() default 500;

  /**
   * The longest backoff wait, in milliseconds (a server's {@code retry-after} may ask for more).
   */
  long maxDelayMs() default 8_000;

  /** How much each wait grows; at least 1. */
  double multiplier() default 2.0;

  /** How the wait is randomised. */
  Jitter jitter() default Jitter.FULL;

  /** A deadline over all attempts and waits, in milliseconds; 0 for none. */
  long maxElapsedMs() default 0;

  /**
   * The longest wait the server may ask for ({@code retry-after}) that this method will sit out, in
   * milliseconds; 0 (the default) for the client's {@code maxServerWait} (2 minutes unless
   * configured). A longer request is not credible: the call fails at once with the server's
   * exception instead of sleeping.
   */
  long maxServerWaitMs() default 0;
}
