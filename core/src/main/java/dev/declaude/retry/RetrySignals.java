package dev.declaude.retry;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import java.time.Duration;
import java.util.Optional;

/** Reads what a failure says about retrying; only API failures carry server signals. */
final class RetrySignals {
  private RetrySignals() {}

  /** Returns whether the server sent {@code x-should-retry: false}. */
  static boolean serverForbidsRetry(ClaudeException failure) {
    return failure instanceof ClaudeApiException
        && ((ClaudeApiException) failure).shouldRetry().map(b -> !b).orElse(false);
  }

  /**
   * Returns the server's wait ({@code retry-after-ms}, else {@code retry-after}), if it sent one.
   */
  static Optional<Duration> retryAfter(ClaudeException failure) {
    return failure instanceof ClaudeApiException
        ? ((ClaudeApiException) failure).retryAfter()
        : Optional.empty();
  }

  /** Returns the request id of an API failure, or {@code null}. */
  static String requestId(ClaudeException failure) {
    return failure instanceof ClaudeApiException
        ? ((ClaudeApiException) failure).requestId()
        : null;
  }
}
