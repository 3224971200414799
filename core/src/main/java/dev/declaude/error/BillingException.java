package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/** 402 {@code billing_error}: a billing or payment problem. Waiting will not fix it. */
public class BillingException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public BillingException(FailedResponse response) {
    super(ErrorKind.BILLING, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected BillingException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
