package dev.declaude.retry;

/**
 * One attempt of a synchronous call, run by {@link RetryEngine#execute}. Aspects pass {@code
 * pjp::proceed}; generated services and the client pass a lambda that sends the request.
 *
 * @param <T> what a successful attempt returns
 */
@FunctionalInterface
public interface Attempt<T> {
  /**
   * Makes the attempt; anything it throws ends it (a {@link dev.declaude.error.ClaudeException} may
   * be retried).
   */
  T run() throws Throwable;
}
