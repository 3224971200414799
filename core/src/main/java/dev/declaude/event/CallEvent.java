package dev.declaude.event;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.wire.Usage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of a client ended: a service method's or a low-level {@code send}'s, after all its
 * attempts. Carries what a dashboard needs and nothing it must not see: no prompt, no answer, no
 * key.
 *
 * @param service the service interface's simple name, or {@code null} for a low-level call
 * @param method the service method's name, or {@code null} for a low-level call
 * @param requestModel the model the request named
 * @param responseModel the model that answered, or {@code null} when the call failed
 * @param attempts the requests the call made, 0 when none was sent
 * @param duration from the call's start to its end, on the engine's time source
 * @param usage the answer's token counts, or {@code null} when the call failed or the answer had
 *     none
 * @param failure what the call threw, or {@code null} when it succeeded
 */
public record CallEvent(
    String service,
    String method,
    String requestModel,
    String responseModel,
    int attempts,
    Duration duration,
    Usage usage,
    Throwable failure) {

  /**
   * Creates the event.
   *
   * @throws NullPointerException if {@code duration} is null
   */
  public CallEvent {
    Objects.requireNonNull(duration, "duration");
  }

  /** Returns whether the call returned normally. */
  public boolean succeeded() {
    return failure == null;
  }

  /** Returns the kind of the failure when it is one of declaude's, else empty. */
  public Optional<ErrorKind> errorKind() {
    return failure instanceof ClaudeException c ? Optional.of(c.kind()) : Optional.empty();
  }

  /**
   * Returns a low-cardinality name of the failure, fit for a metric tag: the API's {@code
   * error.type} when the API answered one, else the exception's simple class name; {@code null}
   * when the call succeeded.
   */
  public String errorType() {
    if (failure == null) {
      return null;
    }
    if (failure instanceof ClaudeApiException api && api.errorType() != null) {
      return api.errorType();
    }
    return failure.getClass().getSimpleName();
  }
}
