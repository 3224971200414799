package dev.declaude.retry;

/** Where a wait before an attempt came from. */
public enum WaitSource {
  /** The policy's exponential backoff, jittered. */
  BACKOFF,
  /**
   * The server's {@code retry-after-ms} or {@code retry-after}, which asked for more than the
   * backoff.
   */
  RETRY_AFTER,
  /** The client's pacer, holding the attempt until the API's rate limit has room. */
  PACING,
  /**
   * A backoff after a server error that ended early because the server is back (a success after an
   * outage, or on a healthy server): reported by {@link RetryListener#onEarlyRetry} with the time
   * actually waited.
   */
  RECOVERY,
  /**
   * No wait: the model was overloaded and the call moves at once to its next fallback model (see
   * {@link RetryPolicyBuilder#fallbacks}).
   */
  FALLBACK
}
