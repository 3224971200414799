package dev.declaude.testkit;

import java.time.Duration;
import java.util.Locale;
import okhttp3.mockwebserver.MockResponse;

/**
 * The answers to requests the simulator's own limits refuse: 429 {@code rate_limit_error} over a
 * request or token limit, with the API's wording and a {@code retry-after} for when the request
 * would pass, and 529 {@code overloaded_error} over the capacity limit, without one.
 */
final class Refusals {
  private Refusals() {}

  /** Returns the 529 of a request that arrived while the server was serving all it can. */
  static MockResponse overloaded(String requestId) {
    return ErrorBodies.response(
        ApiError.of(529, ErrorBodies.defaultMessage("overloaded_error")), requestId);
  }

  /** Returns the 429 of a request that found the requests bucket empty. */
  static MockResponse requests(
      TokenBucket.Permit permit, double perSecond, String requestId, RetryAfterStyle style) {
    double perMinute = perSecond * 60;
    String message =
        "Number of requests has exceeded your per-minute rate limit ("
            + (perMinute == Math.rint(perMinute)
                ? String.valueOf((long) perMinute)
                : String.valueOf(perMinute))
            + " requests per minute); see the response headers for current usage. Please try again later.";
    MockResponse response = ErrorBodies.response(ApiError.of(429, message), requestId);
    retryAfter(response, permit.retryIn(), style);
    return response;
  }

  /**
   * Returns the 429 of a request a token bucket refused. The message names the family that refused
   * (one the request can never pass first, else input before output); {@code retry-after} says when
   * every refusing bucket will hold what the request needs. A request larger than a bucket gets no
   * {@code retry-after} but {@code x-should-retry: false}, and its message says that waiting will
   * not help.
   */
  static MockResponse tokens(
      RateLimits.Tokens tokens,
      RateLimits limits,
      String organizationId,
      String model,
      String requestId,
      RetryAfterStyle style) {
    Refused in =
        refused(tokens.input(), "input", limits.inputTokensPerMinute(), tokens.inputNeed());
    Refused out =
        refused(tokens.output(), "output", limits.outputTokensPerMinute(), tokens.outputNeed());
    Refused named = in != null && (in.never() || out == null || !out.never()) ? in : out;
    String message =
        "This request would exceed your organization's rate limit of "
            + grouped(named.perMinute())
            + " "
            + named.family()
            + " tokens per minute (org: "
            + organizationId
            + ", model: "
            + model
            + "). For"
            + " details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for"
            + " current usage. Please reduce the prompt length or the maximum tokens requested, or try again later."
            + " You may also contact sales at https://claude.com/contact-sales to discuss your options for a rate"
            + " limit increase.";
    boolean never = (in != null && in.never()) || (out != null && out.never());
    if (named.never()) {
      // The simulator's own addition: the API words this case like any other.
      message +=
          " This request needs "
              + grouped(named.need())
              + " "
              + named.family()
              + " tokens, more than the "
              + grouped(named.perMinute())
              + " a minute allows: it cannot succeed, however long it waits.";
    }
    MockResponse response = ErrorBodies.response(ApiError.of(429, message), requestId);
    if (never) {
      response.setHeader("x-should-retry", "false");
    } else {
      retryAfter(response, longest(in, out), style);
    }
    return response;
  }

  private record Refused(String family, long perMinute, long need, Duration retryIn) {
    boolean never() {
      return retryIn == null;
    }
  }

  private static Refused refused(
      TokenBucket.Permit permit, String family, long perMinute, long need) {
    return permit == null || permit.granted()
        ? null
        : new Refused(family, perMinute, need, permit.retryIn());
  }

  private static Duration longest(Refused in, Refused out) {
    Duration wait = Duration.ZERO;
    for (Refused refused : new Refused[] {in, out}) {
      if (refused != null && refused.retryIn().compareTo(wait) > 0) {
        wait = refused.retryIn();
      }
    }
    return wait;
  }

  private static void retryAfter(MockResponse response, Duration wait, RetryAfterStyle style) {
    long millis = Math.max(1, (wait.toNanos() + 999_999) / 1_000_000);
    // The API sends whole seconds, rounded up so that a client waiting that long is let in.
    response.setHeader("retry-after", Math.max(1, (millis + 999) / 1000));
    if (style == RetryAfterStyle.WITH_MILLIS) {
      response.setHeader("retry-after-ms", millis);
    }
  }

  private static String grouped(long number) {
    return String.format(Locale.ROOT, "%,d", number);
  }
}
