package dev.declaude.retry;

/**
 * One attempt of a call that may move to a fallback when what it calls is overloaded: {@code
 * choice} 0 is the first choice (a service method's model), 1 its first fallback, and so on, as far
 * as {@link RetryPolicy#fallbacks()} allows.
 *
 * @param <T> what a successful attempt returns
 */
@FunctionalInterface
public interface FallbackAttempt<T> {
  /** Runs one attempt on {@code choice}; a {@code ClaudeException} is a failed attempt. */
  T run(int choice) throws Throwable;
}
