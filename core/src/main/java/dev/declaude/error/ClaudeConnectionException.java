package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * The connection could not be made or broke before the response was complete: refused, reset, a DNS
 * or TLS failure, or a body cut short. Not retried unless {@code CONNECTION} is named in the retry
 * settings.
 */
public class ClaudeConnectionException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, keeping the I/O failure as its cause. */
  public ClaudeConnectionException(String message, Throwable cause) {
    super(ErrorKind.CONNECTION, message, cause);
  }
}
