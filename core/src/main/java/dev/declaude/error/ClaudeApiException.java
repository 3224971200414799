package dev.declaude.error;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.internal.ServerText;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.util.Optional;

/**
 * An error the API answered with: a non-2xx status, or an {@code event: error} frame inside a
 * stream.
 *
 * <p>Carries the status, {@code error.type}, {@code error.details.error_code}, the request id to
 * quote to support, and the response's rate-limit headers and retry signals.
 */
public class ClaudeApiException extends ClaudeException {
  private static final long serialVersionUID = 1L;

  private final transient FailedResponse response;

  /** Creates the exception of a failed response, classified as {@code kind}. */
  public ClaudeApiException(ErrorKind kind, FailedResponse response) {
    super(kind, describe(response), null);
    this.response = response;
  }

  // Everything but the status is the server's text: escaped and capped, so a message cannot forge
  // log lines.
  private static String describe(FailedResponse r) {
    StringBuilder s = new StringBuilder().append(r.status());
    if (r.errorType() != null) {
      s.append(' ').append(ServerText.escape(r.errorType()));
    }
    s.append(": ").append(ServerText.escape(r.apiMessage()));
    if (r.errorCode() != null) {
      s.append(" [").append(ServerText.escape(r.errorCode())).append(']');
    }
    if (r.metadata().requestId() != null) {
      s.append(" (request-id ").append(ServerText.escape(r.metadata().requestId())).append(')');
    }
    return s.toString();
  }

  /** Returns the HTTP status; 200 for an error that arrived inside a stream. */
  public int status() {
    return response.status();
  }

  /**
   * Returns {@code error.type} as the API sent it, or {@code null} when the body was not the API's
   * JSON.
   */
  public String errorType() {
    return response.errorType();
  }

  /** Returns {@code error.details.error_code}, or {@code null}. */
  public String errorCode() {
    return response.errorCode();
  }

  /**
   * Returns {@code error.message} as the server sent it (not escaped: escape it before logging it
   * yourself), or a short description of a body that was not the API's JSON.
   */
  public String apiMessage() {
    return response.apiMessage();
  }

  /** Returns the request id from the {@code request-id} header or the body, or {@code null}. */
  public String requestId() {
    return response.metadata().requestId();
  }

  /**
   * Returns the wait the server asked for ({@code retry-after-ms}, else {@code retry-after}), if
   * any.
   */
  public Optional<Duration> retryAfter() {
    return response.metadata().retryAfterDuration();
  }

  /** Returns the {@code x-should-retry} header: present only when the server said. */
  public Optional<Boolean> shouldRetry() {
    return Optional.ofNullable(response.metadata().shouldRetry());
  }

  /** Returns the rate limits the response reported; empty when it carried none. */
  public RateLimits rateLimits() {
    return response.metadata().rateLimits();
  }

  /** Returns all the response's metadata. */
  public ResponseMetadata metadata() {
    return response.metadata();
  }

  /** Returns what the failed response said. */
  public FailedResponse failedResponse() {
    return response;
  }
}
