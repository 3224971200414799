package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;

/**
 * The answer arrived but could not become the method's return type: its text is not JSON of that
 * type, or generation stopped at {@code max_tokens} before the JSON was complete. Carries the raw
 * text, so nothing the model said is lost.
 */
public class ResponseFormatException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  private final String rawText;
  private final String requestId;

  /** Creates the exception, keeping the parse failure as its cause. */
  public ResponseFormatException(
      String message, String rawText, String requestId, Throwable cause) {
    super(
        ErrorKind.RESPONSE_FORMAT,
        message + (requestId == null ? "" : " (request-id " + requestId + ")"),
        cause);
    this.rawText = rawText;
    this.requestId = requestId;
  }

  /** Returns the answer's text as it came. */
  public String rawText() {
    return rawText;
  }

  /** Returns the request id of the answer, or {@code null}. */
  public String requestId() {
    return requestId;
  }
}
