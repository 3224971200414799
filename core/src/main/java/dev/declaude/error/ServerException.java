package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * 5xx: the server failed. A retry with backoff may succeed; 504 and 529 have subclasses of their
 * own.
 */
public class ServerException extends ClaudeApiException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception of a failed response. */
  public ServerException(FailedResponse response) {
    super(ErrorKind.SERVER, response);
  }

  /** Creates the exception of a failed response with a more specific kind; for subclasses. */
  protected ServerException(ErrorKind kind, FailedResponse response) {
    super(kind, response);
  }
}
