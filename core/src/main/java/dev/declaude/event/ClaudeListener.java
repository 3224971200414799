package dev.declaude.event;

import dev.declaude.retry.RetryListener;

/**
 * Hears what a {@code ClaudeClient} does: everything a {@link RetryListener} hears (retries, pacing
 * waits, a spent budget, give-ups) and what its declarative services do around a call. Every method
 * does nothing by default; override the ones you need, and register the listener with {@code
 * ClaudeClient.builder().listener(...)}.
 *
 * <p>Methods run on the calling thread (or a scheduler's or HTTP client's thread for asynchronous
 * calls) and should return quickly. An exception a listener throws is logged and otherwise ignored:
 * listening never changes a call's outcome. Implementations used by several calls must be
 * thread-safe. No event carries a prompt, an answer or the API key.
 */
public interface ClaudeListener extends RetryListener {
  /** Called when a call ends, after all its attempts, successfully or not. */
  default void onCall(CallEvent event) {}

  /** Called when a response reported the API's rate limits. */
  default void onRateLimits(RateLimitsEvent event) {}

  /**
   * Called when a context policy left the oldest history turns out of a call's request to make it
   * fit.
   */
  default void onContextTruncated(ContextTruncatedEvent event) {}
}
