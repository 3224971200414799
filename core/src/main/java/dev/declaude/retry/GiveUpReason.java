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
  /** The client-wide {@link RetryBudget} allowed no more retries. */
  BUDGET_SPENT,
  /** The thread was interrupted while waiting. */
  INTERRUPTED
}
