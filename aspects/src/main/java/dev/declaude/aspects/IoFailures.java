package dev.declaude.aspects;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.http.ErrorTranslator;
import java.io.IOException;

/** Types an I/O failure as core's {@link ErrorTranslator} does, keeping whatever wrapped it as the cause. */
final class IoFailures {
  private IoFailures() {}

  /**
   * Returns the timeout or connection exception of {@code io}.
   *
   * @param original the exception the method threw: {@code io} itself, or a wrapper of it such as an
   *     {@code UncheckedIOException} or the SDK's {@code AnthropicIoException}, which becomes the cause
   * @param what the method that failed, for the message
   */
  static ClaudeException translate(IOException io, Throwable original, String what) {
    ClaudeException typed = ErrorTranslator.translate(io, what);
    if (original == io) {
      return typed;
    }
    // Same classification, but the wrapper (whose cause is io) is kept: its stack trace says where it came from.
    return typed instanceof ClaudeTimeoutException
        ? new ClaudeTimeoutException(typed.getMessage(), original)
        : new ClaudeConnectionException(typed.getMessage(), original);
  }

  /** Returns the connection exception of a transport failure that carries no {@link IOException}. */
  static ClaudeException connectionFailure(Throwable original, String what) {
    String detail = original.getMessage() == null ? original.getClass().getSimpleName() : original.getMessage();
    return new ClaudeConnectionException(what + " failed: " + detail, original);
  }
}
