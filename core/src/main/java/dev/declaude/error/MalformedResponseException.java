package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * A 2xx response whose body is not what the API documents (not JSON, or JSON of the wrong shape): a
 * proxy or gateway answered in the API's place. Of kind {@link ErrorKind#SERVER}, so
 * {@code @RetryOn(SERVER)} retries it. The message quotes the start of the body.
 */
public class MalformedResponseException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception, keeping the parse failure as its cause. */
  public MalformedResponseException(String message, Throwable cause) {
    super(ErrorKind.SERVER, message, cause);
  }
}
