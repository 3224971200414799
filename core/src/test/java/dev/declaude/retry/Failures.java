package dev.declaude.retry;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.error.ServerException;
import dev.declaude.error.SpendLimitException;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;

/** Builds the exceptions and metadata retry tests fail with, as the error translator would. */
final class Failures {
  private Failures() {}

  static OverloadedException overloaded(String requestId) {
    return new OverloadedException(
        new FailedResponse(
            "overloaded_error", null, "Overloaded", metadata(529, requestId, null, null)));
  }

  static ServerException server(String requestId) {
    return new ServerException(
        new FailedResponse(
            "api_error", null, "Internal server error", metadata(500, requestId, null, null)));
  }

  static ServerException serverSaying(Boolean shouldRetry) {
    return new ServerException(
        new FailedResponse(
            "api_error", null, "Internal server error", metadata(500, "req_s", null, shouldRetry)));
  }

  static ServerException serverWithRetryAfter(Duration retryAfter) {
    return new ServerException(
        new FailedResponse(
            "api_error", null, "Internal server error", metadata(503, "req_s", retryAfter, null)));
  }

  static RateLimitException rateLimit(Duration retryAfter) {
    return new RateLimitException(
        new FailedResponse(
            "rate_limit_error", null, "Rate limited", metadata(429, "req_rl", retryAfter, null)));
  }

  static SpendLimitException spendLimit() {
    return new SpendLimitException(
        new FailedResponse(
            "rate_limit_error",
            "enforced_spend_limit_reached",
            "You have reached your API usage limits",
            metadata(429, "req_spend", null, null)));
  }

  static InvalidRequestException invalid() {
    return new InvalidRequestException(
        new FailedResponse(
            "invalid_request_error",
            null,
            "Invalid request",
            metadata(400, "req_bad", null, null)));
  }

  static ClaudeConnectionException connection() {
    return new ClaudeConnectionException("connection refused", null);
  }

  static ResponseMetadata metadata(
      int status, String requestId, Duration retryAfter, Boolean shouldRetry) {
    return new ResponseMetadata(status, requestId, RateLimits.NONE, retryAfter, shouldRetry);
  }

  /** Metadata of a success reporting the requests limit spent until {@code reset}. */
  static ResponseMetadata requestsSpentUntil(Instant reset, long limit) {
    RateLimits limits = new RateLimits(new RateLimit(limit, 0L, reset), null, null, null);
    return new ResponseMetadata(200, "req_ok", limits, null, null);
  }
}
