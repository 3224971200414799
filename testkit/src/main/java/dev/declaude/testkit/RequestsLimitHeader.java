package dev.declaude.testkit;

/**
 * What {@code anthropic-ratelimit-requests-limit} reports when the simulator has a {@linkplain
 * ClaudeSimulatorBuilder#rateLimit(double, int) request rate limit}. The limiter is the same either
 * way; only the header differs.
 */
public enum RequestsLimitHeader {
  /**
   * Requests per minute (RPM), as the API reports its limit; {@code 20/s} shows as {@code 1200}.
   */
  PER_MINUTE,
  /**
   * The bucket's burst size, as some gateways and proxies report it: with {@code rateLimit(20, 5)}
   * the limit shows as {@code 5}, {@code -remaining} as the whole requests left and {@code -reset}
   * as the instant the bucket is full again, a fraction of a second away. A client that reads the
   * limit as per minute then believes it has far fewer requests than it does.
   */
  BURST
}
