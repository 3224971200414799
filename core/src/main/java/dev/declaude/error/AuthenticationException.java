package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/** 401 {@code authentication_error}: the API key is missing, malformed, revoked or expired. */
public class AuthenticationException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public AuthenticationException(FailedResponse response) {
    super(ErrorKind.AUTHENTICATION, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected AuthenticationException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
