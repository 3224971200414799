package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * The connection, a read, or the whole call timed out before the response was complete. Not retried
 * unless {@code TIMEOUT} is named in the retry settings: the server may still be working on the
 * request.
 */
public class ClaudeTimeoutException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, keeping the I/O failure as its cause. */
  public ClaudeTimeoutException(String message, Throwable cause) {
    super(ErrorKind.TIMEOUT, message, cause);
  }
}
