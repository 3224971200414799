package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 404 {@code not_found_error}: an unknown or retired model (the message says {@code model: <id>}),
 * or another missing resource.
 */
public class NotFoundException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public NotFoundException(FailedResponse response) {
    super(ErrorKind.NOT_FOUND, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected NotFoundException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
