package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 504 {@code timeout_error}: the request timed out while the API processed it. Long requests should
 * stream.
 */
public class GatewayTimeoutException extends ServerException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public GatewayTimeoutException(FailedResponse response) {
    super(ErrorKind.SERVER, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected GatewayTimeoutException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
