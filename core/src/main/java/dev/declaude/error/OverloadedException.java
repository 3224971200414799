package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 529 {@code overloaded_error}: the API is overloaded across all users; also the usual {@code
 * event: error} inside a stream.
 */
public class OverloadedException extends ServerException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public OverloadedException(FailedResponse response) {
    super(ErrorKind.OVERLOADED, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected OverloadedException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
