package dev.declaude.response;

import java.time.Duration;
import java.util.Optional;

/**
 * What the API said about a response besides its body: status, request id, rate limits and its
 * retry signals. Successful responses and API exceptions carry one each.
 *
 * @param status the HTTP status (200 for an error that arrived inside a stream)
 * @param requestId the {@code request-id} header, else the body's {@code request_id}; {@code null}
 *     if neither
 * @param rateLimits the {@code anthropic-ratelimit-*} headers, never {@code null}
 * @param retryAfter the server's requested wait, from {@code retry-after-ms}, else {@code
 *     retry-after} (seconds or an HTTP date); {@code null} when absent, unreadable or not positive
 * @param shouldRetry the {@code x-should-retry} header: {@code true}, {@code false}, or {@code
 *     null} when absent
 */
public record ResponseMetadata(
    int status, String requestId, RateLimits rateLimits, Duration retryAfter, Boolean shouldRetry) {

  public ResponseMetadata {
    rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
  }

  /** Metadata of a response that carried nothing but its status. */
  public static ResponseMetadata ofStatus(int status) {
    return new ResponseMetadata(status, null, RateLimits.NONE, null, null);
  }

  /** Returns the server's requested wait before a retry, if it named one. */
  public Optional<Duration> retryAfterDuration() {
    return Optional.ofNullable(retryAfter);
  }

  /** Returns a copy whose request id is {@code requestId} when this one has none. */
  public ResponseMetadata withRequestIdIfAbsent(String requestId) {
    if (this.requestId != null || requestId == null) {
      return this;
    }
    return new ResponseMetadata(status, requestId, rateLimits, retryAfter, shouldRetry);
  }
}
