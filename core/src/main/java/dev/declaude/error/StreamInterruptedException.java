package dev.declaude.error;

import java.util.Objects;

/**
 * A stream failed after some of its text was delivered. It is never retried, by any retry loop,
 * whatever its kind (the caller has already seen part of the answer, and a retry would deliver it
 * again); this exception carries that part and, as its cause, the failure. Its kind is the cause's,
 * so a caller can tell an overload from a dropped connection.
 */
public class StreamInterruptedException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  private final String partialText;

  /**
   * Creates the exception of a stream that broke with {@code cause} after delivering {@code
   * partialText}.
   */
  public StreamInterruptedException(String partialText, ClaudeException cause) {
    super(
        Objects.requireNonNull(cause, "cause").kind(),
        "the stream broke after "
            + partialText.length()
            + " characters of text were delivered: "
            + cause.getMessage(),
        cause);
    this.partialText = partialText;
  }

  /** Returns the text delivered before the stream broke. */
  public String partialText() {
    return partialText;
  }
}
