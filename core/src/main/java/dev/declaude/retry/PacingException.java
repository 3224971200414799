package dev.declaude.retry;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.ClaudeException;

/**
 * Thrown when the client-side {@link Pacer} held a call's first attempt and the call could not
 * wait: its turn would come after the policy's deadline, or the thread was interrupted while held
 * (then the {@link InterruptedException} is suppressed in it and the interrupt flag is set again).
 * No request was sent. Its kind is {@link ErrorKind#RATE_LIMIT}, since the API's rate limit is why
 * the call was held, so code that handles 429s handles it too.
 *
 * <p>Also thrown, before anything is sent and with kind {@link ErrorKind#INVALID_REQUEST}, for a
 * request larger than one of the API's token buckets can ever hold (its input tokens, or its {@code
 * max_tokens}, above the limit per minute): waiting cannot help it, so no {@code @RetryOn} retries
 * it, and its message names the bucket, the limit and the request's size.
 *
 * <p>Once an attempt has failed, the engine throws that failure instead; this exception only covers
 * the case where there is none.
 */
public final class PacingException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its message. */
  public PacingException(String message) {
    super(ErrorKind.RATE_LIMIT, message, null);
  }

  /**
   * Creates the exception of a request the pacer refuses for what it is, not for when it came: one
   * larger than a token bucket can ever hold ({@link ErrorKind#INVALID_REQUEST}).
   */
  PacingException(ErrorKind kind, String message) {
    super(kind, message, null);
  }
}
