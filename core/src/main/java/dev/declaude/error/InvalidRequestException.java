package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 400, or another 4xx the API does not document: the request is malformed. Retrying the same
 * request cannot help.
 */
public class InvalidRequestException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public InvalidRequestException(FailedResponse response) {
    super(ErrorKind.INVALID_REQUEST, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected InvalidRequestException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
