package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 413 {@code request_too_large}: the body exceeds the API's size limit (32 MB for Messages). Sent
 * by the API's edge, its body may lack the outer {@code type} and {@code request_id}.
 */
public class RequestTooLargeException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public RequestTooLargeException(FailedResponse response) {
    super(ErrorKind.REQUEST_TOO_LARGE, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected RequestTooLargeException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
