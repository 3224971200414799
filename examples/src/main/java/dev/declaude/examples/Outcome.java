package dev.declaude.examples;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.ResponseFormatException;

/**
 * How one example call ended: its result, or the typed error it failed with.
 *
 * @param step which call
 * @param result the answer, or {@code null} when the call failed
 * @param error the exception's simple class name, or {@code null} when the call succeeded
 * @param attempts how many attempts the call made
 * @param requestId the request id of the failure, when it has one
 */
public record Outcome(Step step, String result, String error, int attempts, String requestId) {

  static Outcome success(Step step, String result, int attempts) {
    return new Outcome(step, result, null, attempts, null);
  }

  static Outcome failure(Step step, ClaudeException e) {
    String requestId =
        e instanceof ClaudeApiException api
            ? api.requestId()
            : e instanceof ResponseFormatException f ? f.requestId() : null;
    return new Outcome(step, null, e.getClass().getSimpleName(), e.attempts(), requestId);
  }

  /** Returns whether the call succeeded. */
  public boolean succeeded() {
    return error == null;
  }
}
