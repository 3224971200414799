package dev.declaude.aspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.ServerException;
import dev.declaude.error.SpendLimitException;
import dev.declaude.woven.AnnotatedMethods;
import dev.declaude.woven.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official SDK's exceptions, and I/O failures, thrown by a woven method reach the caller typed.
 */
class SdkTranslationTest {
  @RegisterExtension final RecordingEngine engine = new RecordingEngine();

  private final AnnotatedMethods methods = new AnnotatedMethods();

  @Test
  void sdkOverloadedBecomesOverloadedExceptionWithRequestIdAndRetryAfter() {
    AnthropicServiceException sdk =
        com.anthropic.errors.OverloadedException.builder()
            .statusCode(529)
            .headers(headers("request-id", "req_011CSdk", "retry-after", "2"))
            .body(errorBody("overloaded_error", "Overloaded"))
            .build();

    OverloadedException typed = assertThrows(OverloadedException.class, () -> callOnce(sdk));

    assertEquals(529, typed.status());
    assertEquals("overloaded_error", typed.errorType());
    assertEquals("Overloaded", typed.apiMessage());
    assertEquals("req_011CSdk", typed.requestId());
    assertEquals(Optional.of(Duration.ofSeconds(2)), typed.retryAfter());
    assertKept(sdk, typed);
  }

  @Test
  void sdkRateLimitKeepsRateLimitHeadersAndShouldRetry() {
    AnthropicServiceException sdk =
        RateLimitException.builder()
            .headers(
                headers(
                    "request-id", "req_rl",
                    "retry-after-ms", "1500",
                    "x-should-retry", "false",
                    "anthropic-ratelimit-requests-limit", "50",
                    "anthropic-ratelimit-requests-remaining", "0",
                    "anthropic-ratelimit-requests-reset", "2026-11-24T10:00:30Z"))
            .body(errorBody("rate_limit_error", "Number of requests has exceeded your rate limit"))
            .build();

    dev.declaude.error.RateLimitException typed =
        assertThrows(dev.declaude.error.RateLimitException.class, () -> callOnce(sdk));

    assertEquals(Optional.of(Duration.ofMillis(1500)), typed.retryAfter());
    assertEquals(Optional.of(false), typed.shouldRetry());
    assertEquals(50L, typed.rateLimits().requests().limit());
    assertEquals(0L, typed.rateLimits().requests().remaining());
  }

  @Test
  void sdkSpendCapBecomesSpendLimitException() {
    AnthropicServiceException sdk =
        RateLimitException.builder()
            .headers(headers("request-id", "req_cap"))
            .body(
                JsonValue.from(
                    Map.of(
                        "type",
                        "error",
                        "error",
                        Map.of(
                            "type", "rate_limit_error",
                            "message", "You have reached your API usage limits.",
                            "details", Map.of("error_code", "enforced_spend_limit_reached")))))
            .build();

    SpendLimitException typed = assertThrows(SpendLimitException.class, () -> callOnce(sdk));
    assertEquals(ErrorKind.BILLING, typed.kind());
    assertEquals("enforced_spend_limit_reached", typed.errorCode());
  }

  @Test
  void sdkServerErrorWithHtmlBodyBecomesServerExceptionOfItsStatus() {
    AnthropicServiceException sdk =
        InternalServerException.builder()
            .statusCode(502)
            .headers(Headers.builder().build())
            .body(JsonValue.from("<html><body><h1>502 Bad Gateway</h1></body></html>"))
            .build();

    ServerException typed = assertThrows(ServerException.class, () -> callOnce(sdk));
    assertEquals(502, typed.status());
    assertEquals(
        "HTML body: <html><body><h1>502 Bad Gateway</h1></body></html>", typed.apiMessage());
  }

  @Test
  void sseErrorInsideA200StreamIsClassifiedByItsErrorType() {
    SseException sdk =
        SseException.builder()
            .statusCode(200)
            .headers(headers("request-id", "req_stream"))
            .body(errorBody("overloaded_error", "Overloaded"))
            .build();

    OverloadedException typed = assertThrows(OverloadedException.class, () -> callOnce(sdk));
    assertEquals(200, typed.status());
    assertEquals("req_stream", typed.requestId());
  }

  @Test
  void translatedSdkFailureIsRetriedByKind() {
    Script script =
        Script.failing(
            com.anthropic.errors.OverloadedException.builder()
                .statusCode(529)
                .headers(headers("retry-after", "2"))
                .body(errorBody("overloaded_error", "Overloaded"))
                .build());

    assertEquals("ok", methods.rateLimitOrServer(script));
    assertEquals(2, script.calls());
    assertTrue(
        engine.sleeper().waits().get(0).compareTo(Duration.ofSeconds(2)) >= 0,
        () -> "waits " + engine.sleeper().waits());
  }

  @Test
  void sdkIoFailureCausedByTimeoutBecomesTimeoutKeepingTheSdkExceptionAsCause() {
    AnthropicIoException sdk =
        new AnthropicIoException("Request failed", new SocketTimeoutException("timeout"));

    ClaudeTimeoutException typed = assertThrows(ClaudeTimeoutException.class, () -> callOnce(sdk));
    assertSame(sdk, typed.getCause());
    assertEquals("AnnotatedMethods.serverOnlyOnce(..) timed out: timeout", typed.getMessage());
  }

  @Test
  void sdkIoFailureCausedByRefusalBecomesConnectionFailure() {
    AnthropicIoException sdk =
        new AnthropicIoException("Request failed", new ConnectException("Connection refused"));

    ClaudeConnectionException typed =
        assertThrows(ClaudeConnectionException.class, () -> callOnce(sdk));
    assertSame(sdk, typed.getCause());
  }

  @Test
  void sdkIoFailureWithoutCauseBecomesConnectionFailure() {
    AnthropicIoException sdk = new AnthropicIoException("stream closed");

    ClaudeConnectionException typed =
        assertThrows(ClaudeConnectionException.class, () -> callOnce(sdk));
    assertEquals("AnnotatedMethods.serverOnlyOnce(..) failed: stream closed", typed.getMessage());
  }

  @Test
  void otherSdkExceptionsPassThroughUntouched() {
    AnthropicInvalidDataException sdk = new AnthropicInvalidDataException("bad shape", null);

    assertSame(sdk, assertThrows(AnthropicInvalidDataException.class, () -> callOnce(sdk)));
  }

  @Test
  void uncheckedIoExceptionIsUnwrappedForItsKindAndKeptAsCause() {
    UncheckedIOException wrapped =
        new UncheckedIOException(new SocketTimeoutException("Read timed out"));

    ClaudeTimeoutException typed =
        assertThrows(ClaudeTimeoutException.class, () -> callOnce(wrapped));
    assertSame(wrapped, typed.getCause());
  }

  @Test
  void okHttpCallTimeoutBecomesTimeout() {
    assertThrows(
        ClaudeTimeoutException.class,
        () -> callOnce(new java.io.InterruptedIOException("timeout")));
  }

  @Test
  void declaudeExceptionPassesThroughAsTheSameInstance() {
    ClaudeApiException own = Failures.status(401);

    assertSame(own, assertThrows(ClaudeException.class, () -> callOnce(own)));
  }

  @Test
  void errorThatIsNotAnExceptionPassesThrough() {
    StackOverflowError error = new StackOverflowError();

    assertSame(error, assertThrows(StackOverflowError.class, () -> callOnce(error)));
  }

  @Test
  void aResetConnectionIsRetriedAsConnectionWhenListed() throws IOException {
    Script script = Script.failing(new java.net.SocketException("Connection reset"));

    assertEquals("ok", methods.connection(script));
    assertEquals(2, script.calls());
  }

  private String callOnce(Throwable failure) {
    return methods.serverOnlyOnce(Script.failing(failure));
  }

  private static Headers headers(String... nameValues) {
    Headers.Builder b = Headers.builder();
    for (int i = 0; i < nameValues.length; i += 2) {
      b.put(nameValues[i], nameValues[i + 1]);
    }
    return b.build();
  }

  private static JsonValue errorBody(String type, String message) {
    return JsonValue.from(
        Map.of("type", "error", "error", Map.of("type", type, "message", message)));
  }

  /**
   * The SDK exception is the cause, or (while core fixes ClaudeApiException's cause at null)
   * suppressed.
   */
  private static void assertKept(Throwable sdk, Throwable typed) {
    assertTrue(
        typed.getCause() == sdk || Arrays.asList(typed.getSuppressed()).contains(sdk),
        () -> "the SDK exception is neither cause nor suppressed of " + typed);
  }
}
