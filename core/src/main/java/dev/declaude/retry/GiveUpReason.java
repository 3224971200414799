package dev.declaude.retry;

/** Why a call stopped retrying and threw its last failure. */
public enum GiveUpReason {
  /** The failure's kind is not one the policy retries. */
  NOT_RETRYABLE,
  /** The server sent {@code x-should-retry: false}. */
  SERVER_FORBADE,
  /** The policy's {@code maxAttempts} were all made. */
  ATTEMPTS_EXHAUSTED,
  /** The next wait would end after the policy's {@code maxElapsed} deadline. */
  DEADLINE,
  /**
   * The server asked for a longer wait ({@code retry-after}) than the policy's or the engine's
   * {@code maxServerWait}: not credible, so the call failed at once instead of sleeping.
   */
  SERVER_WAIT_TOO_LONG,
  /** The {@link RetryBudget} of the rate-limit domain allowed no more retries. */
  BUDGET_SPENT,
  /** The thread was interrupted while waiting. */
  INTERRUPTED
}
