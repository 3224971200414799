package dev.declaude.testkit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import okhttp3.mockwebserver.MockResponse;

/**
 * Writes the {@code anthropic-ratelimit-*} headers (claude-api.md §2.2): request counts from the simulator's
 * bucket when it has one, generous constants otherwise; token counts from generous constants, less what the
 * request used, remaining rounded to the nearest thousand as the API does. Resets are RFC 3339 instants.
 */
final class RateLimitHeaders {
  // Roughly the Build tier's limits (claude-api.md §2.4): large enough that no test trips them by accident.
  static final int REQUESTS_LIMIT = 5_000;
  static final long INPUT_TOKENS_LIMIT = 5_000_000;
  static final long OUTPUT_TOKENS_LIMIT = 1_000_000;

  private RateLimitHeaders() {}

  /**
   * Adds the request headers of a bucket's permit as the API words them: the limit per minute (RPM), the
   * requests that could be sent right now (the bucket's whole tokens) and when the bucket is full again.
   */
  static void requests(MockResponse response, TokenBucket.Permit permit) {
    response.setHeader("anthropic-ratelimit-requests-limit", permit.perMinute());
    response.setHeader("anthropic-ratelimit-requests-remaining", permit.remaining());
    response.setHeader("anthropic-ratelimit-requests-reset", rfc3339(permit.fullAt()));
  }

  /** Adds request headers for a simulator without a rate limit. */
  static void unlimitedRequests(MockResponse response, Instant now) {
    response.setHeader("anthropic-ratelimit-requests-limit", REQUESTS_LIMIT);
    response.setHeader("anthropic-ratelimit-requests-remaining", REQUESTS_LIMIT - 1);
    response.setHeader("anthropic-ratelimit-requests-reset", rfc3339(now));
  }

  /** Adds the token headers, charging {@code inputTokens} and {@code outputTokens} to this minute. */
  static void tokens(MockResponse response, Instant now, long inputTokens, long outputTokens) {
    write(response, "input-tokens", INPUT_TOKENS_LIMIT, inputTokens, now);
    write(response, "output-tokens", OUTPUT_TOKENS_LIMIT, outputTokens, now);
    write(response, "tokens", INPUT_TOKENS_LIMIT + OUTPUT_TOKENS_LIMIT, inputTokens + outputTokens, now);
  }

  private static void write(MockResponse response, String name, long limit, long used, Instant now) {
    long remaining = Math.max(0, limit - used);
    long rounded = Math.round(remaining / 1000.0) * 1000;
    // Tokens come back continuously: the used share of a minute's budget is back after that share of a minute.
    long backInMillis = (long) Math.ceil(used * 60_000.0 / limit);
    response.setHeader("anthropic-ratelimit-" + name + "-limit", limit);
    response.setHeader("anthropic-ratelimit-" + name + "-remaining", rounded);
    response.setHeader("anthropic-ratelimit-" + name + "-reset", rfc3339(now.plusMillis(backInMillis)));
  }

  /** Formats {@code instant} as RFC 3339 in UTC, rounded up to the second, like {@code 2024-03-26T20:00:00Z}. */
  static String rfc3339(Instant instant) {
    Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
    if (whole.isBefore(instant)) {
      whole = whole.plusSeconds(1);
    }
    return DateTimeFormatter.ISO_INSTANT.format(whole);
  }
}
