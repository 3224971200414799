package dev.declaude.retry;

/**
 * Hears what the {@link RetryEngine} does: retries, pacing waits, a spent budget, and calls that
 * give up. Every method does nothing by default; override the ones you need.
 *
 * <p>Methods run on the calling thread (or the scheduler's thread for asynchronous calls) and
 * should return quickly. An exception a listener throws is logged and otherwise ignored: listening
 * never changes a call's outcome. Implementations used by several calls must be thread-safe.
 */
public interface RetryListener {
  /**
   * Called before the engine retries a failed attempt: before waiting ({@code BACKOFF} or {@code
   * RETRY_AFTER}), or with no wait when an overloaded call moves to its next fallback ({@code
   * FALLBACK}).
   */
  default void onRetry(RetryEvent event) {}

  /**
   * Called when a backoff after a server error ended early because the server is back, or because
   * this call was sent to probe whether it is during an outage (one retry of the domain at a time,
   * see {@link WaitSource#RECOVERY}); {@code event.delay()} is the time actually waited, {@code
   * event.source()} is {@code RECOVERY}.
   */
  default void onEarlyRetry(RetryEvent event) {}

  /** Called before the engine waits because the pacer holds the next attempt ({@code PACING}). */
  default void onPacingWait(RetryEvent event) {}

  /** Called when a retryable failure is not retried because the {@link RetryBudget} is spent. */
  default void onBudgetExhausted(GiveUpEvent event) {}

  /** Called when a call throws its last failure, whatever the reason. */
  default void onGiveUp(GiveUpEvent event) {}
}
