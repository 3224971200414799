package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 429 {@code rate_limit_error}: a rate limit was hit. {@link #retryAfter()} says when to come back,
 * {@link #rateLimits()} which limit.
 */
public class RateLimitException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public RateLimitException(FailedResponse response) {
    super(ErrorKind.RATE_LIMIT, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected RateLimitException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
