package dev.declaude.retry;

/**
 * A note attached, as {@linkplain Throwable#getSuppressed() suppressed}, to a failure that was not
 * retried because the {@link RetryBudget} of the rate-limit domain was spent. Never thrown by
 * itself: the caller sees the original typed failure, so its catch blocks still work, and its stack
 * trace says "retry budget spent".
 */
public final class RetryBudgetExhaustedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the note with its message. */
  public RetryBudgetExhaustedException(String message) {
    // No stack trace: the failure it is attached to has the useful one.
    super(message, null, false, false);
  }
}
