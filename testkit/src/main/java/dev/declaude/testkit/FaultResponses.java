package dev.declaude.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import okhttp3.mockwebserver.MockResponse;

/**
 * Turns an error {@link Fault} into the HTTP response it scripts, body shape and headers included.
 */
final class FaultResponses {
  static final String SPEND_LIMIT_CODE = "enforced_spend_limit_reached";
  static final String RAMP_LIMIT_CODE = "ramp_limit_exceeded";

  private FaultResponses() {}

  /**
   * Returns the response of an error fault for a request with {@code requestId}, at {@code now}.
   */
  static MockResponse error(Fault fault, String requestId, String organizationId, Instant now) {
    String id = fault.hasRequestId() ? requestId : null;
    ApiError error =
        new ApiError(fault.status(), fault.errorType(), message(fault, now), fault.errorCode());
    MockResponse response = new MockResponse().setResponseCode(fault.status());
    body(response, fault, error, id);
    if (id != null) {
      response.setHeader("request-id", id);
      response.setHeader("anthropic-organization-id", organizationId);
    }
    if (fault.status() == 429) {
      response.setHeader("anthropic-ratelimit-requests-limit", RateLimitHeaders.REQUESTS_LIMIT);
      response.setHeader("anthropic-ratelimit-requests-remaining", 0);
      response.setHeader(
          "anthropic-ratelimit-requests-reset", RateLimitHeaders.rfc3339(now.plusSeconds(60)));
    }
    fault.headers().forEach(response::setHeader);
    return response;
  }

  private static void body(MockResponse response, Fault fault, ApiError error, String requestId) {
    switch (fault.shape()) {
      case JSON -> json(response, ErrorBodies.json(error, requestId));
      case TRUNCATED_JSON -> {
        String whole = ErrorBodies.json(error, requestId);
        json(response, whole.substring(0, whole.length() / 2));
      }
      case EDGE_413 -> json(response, ErrorBodies.edge413());
      case HTML ->
          response
              .setHeader("content-type", "text/html")
              .setBody(
                  "<html>\r\n<head><title>"
                      + fault.status()
                      + " "
                      + reason(fault.status())
                      + "</title></head>\r\n"
                      + "<body>\r\n<center><h1>"
                      + fault.status()
                      + " "
                      + reason(fault.status())
                      + "</h1></center>\r\n"
                      + "<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n");
      case PLAIN_TEXT ->
          response
              .setHeader("content-type", "text/plain; charset=utf-8")
              .setBody("error code: " + fault.status());
      case EMPTY -> response.setBody("");
    }
  }

  private static void json(MockResponse response, String body) {
    response.setHeader("content-type", "application/json").setBody(body);
  }

  private static String message(Fault fault, Instant now) {
    if (fault.message() != null) {
      return fault.message();
    }
    if (SPEND_LIMIT_CODE.equals(fault.errorCode())) {
      // Access comes back at 00:00 UTC on the first of next month (claude-api.md §1.6, §2.4).
      LocalDate back = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1);
      return "You have reached your API usage limits: your organization has crossed its monthly API usage"
          + " threshold, set based on your organization's API tier. You will regain access on "
          + back
          + " at 00:00 UTC.";
    }
    if (RAMP_LIMIT_CODE.equals(fault.errorCode())) {
      // No observed wording; this follows the official SDK's description of the code (claude-api.md
      // §1.4).
      return "This request would exceed your organization's ramp limit, which caps how fast usage can grow."
          + " Please increase traffic gradually and try again after the time given in the retry-after header.";
    }
    return ErrorBodies.defaultMessage(fault.errorType());
  }

  private static String reason(int status) {
    return switch (status) {
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Temporarily Unavailable";
      case 504 -> "Gateway Time-out";
      case 413 -> "Request Entity Too Large";
      case 429 -> "Too Many Requests";
      default -> "Error";
    };
  }
}
