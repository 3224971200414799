package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 409 {@code conflict_error}: the request conflicts with the current state of a resource; a retry
 * may succeed.
 */
public class ConflictException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public ConflictException(FailedResponse response) {
    super(ErrorKind.CONFLICT, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected ConflictException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
