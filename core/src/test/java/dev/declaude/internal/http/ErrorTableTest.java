package dev.declaude.internal.http;

import static dev.declaude.internal.http.MockApi.error;
import static dev.declaude.internal.http.MockApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.AuthenticationException;
import dev.declaude.error.BillingException;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ConflictException;
import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.error.GatewayTimeoutException;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.error.NotFoundException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.PermissionDeniedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.error.RequestTooLargeException;
import dev.declaude.error.ServerException;
import dev.declaude.error.SpendLimitException;
import dev.declaude.wire.MessageRequest;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of DESIGN.md's error table, through the real OkHttp transport on loopback. */
class ErrorTableTest {
  private final MockApi api = new MockApi();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            400,
            "invalid_request_error",
            "max_tokens: Field required",
            InvalidRequestException.class,
            ErrorKind.INVALID_REQUEST),
        row(
            401,
            "authentication_error",
            "invalid x-api-key",
            AuthenticationException.class,
            ErrorKind.AUTHENTICATION),
        row(402, "billing_error", "Billing error", BillingException.class, ErrorKind.BILLING),
        row(
            403,
            "permission_error",
            "Permission denied",
            PermissionDeniedException.class,
            ErrorKind.PERMISSION),
        row(
            404,
            "not_found_error",
            "model: claude-2.1",
            NotFoundException.class,
            ErrorKind.NOT_FOUND),
        row(409, "conflict_error", "Conflict", ConflictException.class, ErrorKind.CONFLICT),
        row(
            413,
            "request_too_large",
            "Request exceeds the maximum size",
            RequestTooLargeException.class,
            ErrorKind.REQUEST_TOO_LARGE),
        row(
            429,
            "rate_limit_error",
            "Rate limited",
            RateLimitException.class,
            ErrorKind.RATE_LIMIT),
        row(500, "api_error", "Internal server error", ServerException.class, ErrorKind.SERVER),
        row(502, "api_error", "Bad gateway", ServerException.class, ErrorKind.SERVER),
        row(503, "api_error", "Service unavailable", ServerException.class, ErrorKind.SERVER),
        row(
            504,
            "timeout_error",
            "Request timeout",
            GatewayTimeoutException.class,
            ErrorKind.SERVER),
        row(
            529,
            "overloaded_error",
            "Overloaded",
            OverloadedException.class,
            ErrorKind.OVERLOADED));
  }

  private static Arguments row(
      int status, String type, String message, Class<?> exception, ErrorKind kind) {
    return Arguments.of(status, type, message, exception, kind);
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("rows")
  void eachDocumentedStatusBecomesItsTypedException(
      int status,
      String type,
      String message,
      Class<? extends ClaudeApiException> exception,
      ErrorKind kind) {
    api.server.enqueue(
        json(status, error(type, message, "req_body_1")).setHeader("request-id", "req_header_1"));

    ClaudeApiException e = assertThrows(ClaudeApiException.class, () -> api.client.send(request()));

    assertEquals(exception, e.getClass());
    assertEquals(status, e.status());
    assertEquals(type, e.errorType());
    assertEquals("req_header_1", e.requestId());
    assertEquals(kind, e.kind());
    assertEquals(1, e.attempts());
    assertEquals(
        status + " " + type + ": " + message + " (request-id req_header_1)", e.getMessage());
  }

  @Test
  void promptTooLongIsContextLengthWithTokensAndLimit() {
    api.server.enqueue(
        json(
            400,
            error(
                "invalid_request_error",
                "prompt is too long: 208310 tokens > 200000 maximum",
                "req_1")));

    var e = assertThrows(ContextLengthExceededException.class, () -> api.client.send(request()));

    assertEquals(ErrorKind.CONTEXT_LENGTH, e.kind());
    assertTrue(e.kind().isWithin(ErrorKind.INVALID_REQUEST));
    assertEquals(208310, e.inputTokens());
    assertEquals(208310, e.tokens());
    assertEquals(200000, e.limit());
    assertEquals(8310, e.excess());
    assertTrue(e.maxTokens().isEmpty());
    assertEquals("req_1", e.requestId());
  }

  @Test
  void inputPlusMaxTokensIsContextLengthWithAllThreeNumbers() {
    api.server.enqueue(
        json(
            400,
            error(
                "invalid_request_error",
                "input length and `max_tokens` exceed context limit: 199759 + 8192 > 200000, decrease input length or `max_tokens` and try again",
                "req_2")));

    var e = assertThrows(ContextLengthExceededException.class, () -> api.client.send(request()));

    assertEquals(199759, e.inputTokens());
    assertEquals(8192, e.maxTokens().getAsLong());
    assertEquals(207951, e.tokens());
    assertEquals(200000, e.limit());
  }

  @Test
  void spendCapIsBillingAndNeverARateLimit() {
    api.server.enqueue(
        json(
            429,
            "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":"
                + "\"You have reached your API usage limits.\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}},"
                + "\"request_id\":\"req_cap\"}"));

    var e = assertThrows(SpendLimitException.class, () -> api.client.send(request()));

    assertEquals(ErrorKind.BILLING, e.kind());
    assertFalse(e.kind().isRetryable());
    assertInstanceOf(BillingException.class, e);
    assertFalse(RateLimitException.class.isInstance(e));
    assertEquals("enforced_spend_limit_reached", e.errorCode());
    assertTrue(e.retryAfter().isEmpty());
    assertEquals(
        "429 rate_limit_error: You have reached your API usage limits. [enforced_spend_limit_reached] "
            + "(request-id req_cap)",
        e.getMessage());
  }

  @Test
  void contractSpendCapIsBillingToo() {
    api.server.enqueue(
        json(
            429,
            "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"cap\","
                + "\"details\":{\"error_code\":\"contract_spend_limit_reached\"}}}"));

    assertThrows(SpendLimitException.class, () -> api.client.send(request()));
  }

  @Test
  void rampLimitIsAnOrdinaryRateLimit() {
    api.server.enqueue(
        json(
                429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"ramp\","
                    + "\"details\":{\"error_code\":\"ramp_limit_exceeded\"}}}")
            .setHeader("retry-after", "3"));

    var e = assertThrows(RateLimitException.class, () -> api.client.send(request()));

    assertEquals("ramp_limit_exceeded", e.errorCode());
    assertEquals(java.time.Duration.ofSeconds(3), e.retryAfter().orElseThrow());
  }

  @Test
  void anUnknownErrorCodeKeepsTheMeaningOfItsStatus() {
    api.server.enqueue(
        json(
                429,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"new\","
                    + "\"details\":{\"error_code\":\"brand_new_limit\"}}}")
            .setHeader("retry-after", "2"));
    var limited = assertThrows(RateLimitException.class, () -> api.client.send(request()));
    assertEquals("brand_new_limit", limited.errorCode());
    assertEquals(ErrorKind.RATE_LIMIT, limited.kind());

    api.server.enqueue(
        json(
            529,
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\","
                + "\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}"));
    // A spend-cap code on another status is not a spend cap: the table reads it with its status
    assertThrows(OverloadedException.class, () -> api.client.send(request()));
  }

  @Test
  void theEdgeShaped413WithoutTypeOrRequestIdIsRequestTooLarge() {
    api.server.enqueue(
        json(
            413,
            "{\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum size\"}}"));

    var e = assertThrows(RequestTooLargeException.class, () -> api.client.send(request()));

    assertNull(e.requestId());
    assertEquals("request_too_large", e.errorType());
    assertEquals("413 request_too_large: Request exceeds the maximum size", e.getMessage());
  }

  @Test
  void anUnknownErrorTypeIsKeptAndClassifiedByStatus() {
    api.server.enqueue(json(400, error("teapot_error", "short and stout", "req_t")));
    var badRequest = assertThrows(InvalidRequestException.class, () -> api.client.send(request()));
    assertEquals("teapot_error", badRequest.errorType());

    api.server.enqueue(json(503, error("brand_new_error", "later", "req_u")));
    var server = assertThrows(ServerException.class, () -> api.client.send(request()));
    assertEquals("brand_new_error", server.errorType());
    assertEquals(ErrorKind.SERVER, server.kind());
  }

  @Test
  void aProxyRequestTimeoutIsRetryableAsTimeout() {
    api.server.enqueue(new MockResponse().setResponseCode(408).setBody("Request Timeout"));

    var e = assertThrows(ClaudeApiException.class, () -> api.client.send(request()));

    assertEquals(ErrorKind.TIMEOUT, e.kind());
    assertEquals(408, e.status());
  }

  static MessageRequest request() {
    return MessageRequest.builder().maxTokens(100).addUserMessage("Hi").build();
  }

  @ParameterizedTest(name = "stream error {0} -> {1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "overloaded_error, dev.declaude.error.OverloadedException",
    "rate_limit_error, dev.declaude.error.RateLimitException",
    "api_error, dev.declaude.error.ServerException",
    "invalid_request_error, dev.declaude.error.InvalidRequestException",
    "timeout_error, dev.declaude.error.GatewayTimeoutException",
    "something_new_error, dev.declaude.error.ServerException"
  })
  void anErrorInsideAStreamIsClassifiedByItsType(String type, String exception) {
    var e =
        ErrorTranslator.translate(
            dev.declaude.response.ResponseMetadata.ofStatus(200),
            "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}");

    assertEquals(exception, e.getClass().getName());
    assertEquals(200, e.status());
    assertEquals(type, e.errorType());
  }
}
