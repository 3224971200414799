package dev.declaude.testkit;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import okhttp3.mockwebserver.MockResponse;

/**
 * Writes one family of {@code anthropic-ratelimit-*} headers (claude-api.md §2.2): {@code -limit},
 * {@code -remaining} and {@code -reset}, the last as an RFC 3339 instant. A family the simulator
 * limits shows its bucket; one it does not shows generous constants less what the request used.
 */
final class RateLimitHeaders {
  // Roughly the Build tier's limits (claude-api.md §2.4): large enough that no test trips them by
  // accident.
  static final int REQUESTS_LIMIT = 5_000;
  static final long INPUT_TOKENS_LIMIT = 5_000_000;
  static final long OUTPUT_TOKENS_LIMIT = 1_000_000;

  private RateLimitHeaders() {}

  /** What one family of headers shows. */
  record Shown(long limit, long remaining, Instant reset) {}

  /** Sets {@code anthropic-ratelimit-<family>-limit}, {@code -remaining} and {@code -reset}. */
  static void write(MockResponse response, String family, Shown shown) {
    response.setHeader("anthropic-ratelimit-" + family + "-limit", shown.limit());
    response.setHeader("anthropic-ratelimit-" + family + "-remaining", shown.remaining());
    response.setHeader("anthropic-ratelimit-" + family + "-reset", rfc3339(shown.reset()));
  }

  /** Returns the request headers of a simulator without a request limit. */
  static Shown unlimitedRequests(Instant now) {
    return new Shown(REQUESTS_LIMIT, REQUESTS_LIMIT - 1, now);
  }

  /**
   * Returns a token family without a limit: {@code limit} less what the request used, rounded to
   * the nearest thousand; tokens come back continuously, so the used share of a minute's budget is
   * back after that share of a minute.
   */
  static Shown unlimitedTokens(long limit, long used, Instant now) {
    long backInMillis = (long) Math.ceil(used * 60_000.0 / limit);
    return new Shown(limit, thousands(Math.max(0, limit - used)), now.plusMillis(backInMillis));
  }

  /**
   * Returns a token bucket's state as the API words it: the limit per minute, the tokens left
   * rounded to the nearest thousand, and when the bucket is full again.
   */
  static Shown tokens(TokenBucket bucket, TokenBucket.Permit permit) {
    return new Shown(bucket.perMinute(), thousands(permit.remaining()), permit.fullAt());
  }

  /**
   * Returns {@code tokens} rounded to the nearest thousand, as the API reports remaining tokens.
   */
  static long thousands(long tokens) {
    return Math.round(tokens / 1000.0) * 1000;
  }

  /**
   * Formats {@code instant} as RFC 3339 in UTC, rounded up to the second, like {@code
   * 2024-03-26T20:00:00Z}.
   */
  static String rfc3339(Instant instant) {
    Instant whole = instant.truncatedTo(ChronoUnit.SECONDS);
    if (whole.isBefore(instant)) {
      whole = whole.plusSeconds(1);
    }
    return DateTimeFormatter.ISO_INSTANT.format(whole);
  }
}
