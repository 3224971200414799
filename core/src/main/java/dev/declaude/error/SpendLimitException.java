package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 429 with {@code error.details.error_code} {@code enforced_spend_limit_reached} or {@code
 * contract_spend_limit_reached}: the organization's spend cap is reached. It comes without {@code
 * retry-after} and lasts until the cap resets (often the next month), so it is a billing failure,
 * never retried as a rate limit.
 */
public class SpendLimitException extends BillingException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public SpendLimitException(FailedResponse response) {
    super(ErrorKind.BILLING, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected SpendLimitException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
