package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/** 403 {@code permission_error}: the key may not use this resource. */
public class PermissionDeniedException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public PermissionDeniedException(FailedResponse response) {
    super(ErrorKind.PERMISSION, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected PermissionDeniedException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
