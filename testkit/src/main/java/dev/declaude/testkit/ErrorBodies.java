package dev.declaude.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.internal.http.WireJson;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/**
 * The API's error vocabulary: which {@code error.type} goes with which status, the spec's default
 * messages (claude-api.md §1.1, §1.2), and the JSON bodies in each documented shape.
 */
final class ErrorBodies {
  static final String REQUEST_TOO_LARGE = "request_too_large";

  private static final Map<Integer, String> TYPES =
      Map.ofEntries(
          Map.entry(400, "invalid_request_error"),
          Map.entry(401, "authentication_error"),
          Map.entry(402, "billing_error"),
          Map.entry(403, "permission_error"),
          Map.entry(404, "not_found_error"),
          Map.entry(409, "conflict_error"),
          Map.entry(413, REQUEST_TOO_LARGE),
          Map.entry(429, "rate_limit_error"),
          Map.entry(500, "api_error"),
          Map.entry(504, "timeout_error"),
          Map.entry(529, "overloaded_error"));

  // Defaults from the spec's error objects; conflict_error has none there, so it gets the obvious
  // word.
  private static final Map<String, String> MESSAGES =
      Map.ofEntries(
          Map.entry("invalid_request_error", "Invalid request"),
          Map.entry("authentication_error", "Authentication error"),
          Map.entry("billing_error", "Billing error"),
          Map.entry("permission_error", "Permission denied"),
          Map.entry("not_found_error", "Not found"),
          Map.entry("conflict_error", "Conflict"),
          Map.entry(REQUEST_TOO_LARGE, "Request exceeds the maximum size"),
          Map.entry("rate_limit_error", "Rate limited"),
          Map.entry("timeout_error", "Request timeout"),
          Map.entry("api_error", "Internal server error"),
          Map.entry("overloaded_error", "Overloaded"));

  private ErrorBodies() {}

  /**
   * Returns the documented {@code error.type} for {@code status}; other 5xx are api_error, other
   * 4xx invalid.
   */
  static String typeFor(int status) {
    String type = TYPES.get(status);
    if (type != null) {
      return type;
    }
    return status >= 500 ? "api_error" : "invalid_request_error";
  }

  /**
   * Returns the spec's default message for {@code type}, or {@code "Error"} for a type it does not
   * list.
   */
  static String defaultMessage(String type) {
    return MESSAGES.getOrDefault(type, "Error");
  }

  /**
   * Returns {@code {"type":"error","error":{..},"request_id":..}}; a null request id is left out.
   */
  static String json(ApiError error, String requestId) {
    ObjectNode root = WireJson.mapper().createObjectNode();
    root.put("type", "error");
    root.set("error", errorObject(error));
    if (requestId != null) {
      root.put("request_id", requestId);
    }
    return write(root);
  }

  /**
   * Returns a JSON error response with the body of {@link #json} and the {@code request-id} header.
   */
  static MockResponse response(ApiError error, String requestId) {
    return new MockResponse()
        .setResponseCode(error.status())
        .setHeader("content-type", "application/json")
        .setHeader("request-id", requestId)
        .setBody(json(error, requestId));
  }

  /**
   * Returns the payload of an {@code event: error} frame: the documented example has no request id.
   */
  static String streamEvent(ApiError error) {
    return json(error, null);
  }

  /** Returns the edge's 413 body, which has neither the outer {@code type} nor a request id. */
  static String edge413() {
    ObjectNode root = WireJson.mapper().createObjectNode();
    root.set(
        "error",
        errorObject(new ApiError(413, REQUEST_TOO_LARGE, defaultMessage(REQUEST_TOO_LARGE), null)));
    return write(root);
  }

  private static ObjectNode errorObject(ApiError error) {
    ObjectNode node = WireJson.mapper().createObjectNode();
    node.put("type", error.type());
    node.put("message", error.message());
    if (error.errorCode() != null) {
      node.putObject("details").put("error_code", error.errorCode());
    }
    return node;
  }

  static String write(Object node) {
    try {
      return WireJson.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
