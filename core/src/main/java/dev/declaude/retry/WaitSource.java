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
   * outage, or on a healthy server), or, during an outage, to probe whether it is: each failure
   * then sends the backoff of the domain that ends first out within about a 32nd of the outage's
   * length (100 ms to 2 s). A probe that finds the server still down costs its call nothing: the
   * call goes back to the rest of its backoff, and the probe counts against neither its {@code
   * maxAttempts} nor the retry budget. Reported by {@link RetryListener#onEarlyRetry} with the time
   * actually waited.
   */
  RECOVERY,
  /**
   * No wait: the model was overloaded and the call moves at once to its next fallback model (see
   * {@link RetryPolicyBuilder#fallbacks}).
   */
  FALLBACK
}
