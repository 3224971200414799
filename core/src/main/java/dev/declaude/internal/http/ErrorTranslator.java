package dev.declaude.internal.http;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.AuthenticationException;
import dev.declaude.error.BillingException;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.error.ConflictException;
import dev.declaude.error.FailedResponse;
import dev.declaude.error.GatewayTimeoutException;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.error.NotFoundException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.PermissionDeniedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.error.RequestTooLargeException;
import dev.declaude.error.ServerException;
import dev.declaude.error.SpendLimitException;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.wire.ErrorBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * Turns every failure the API documents into its typed exception: one table of (status, {@code
 * error.details.error_code}, message shape) rows, read top to bottom, first match wins. Also the
 * place where {@link IOException}s become {@link ClaudeConnectionException} or {@link
 * ClaudeTimeoutException}.
 *
 * <p>Non-2xx responses are classified by status (an {@code error.type} the table does not know is
 * kept as it came); an {@code event: error} inside a 200 stream is classified by its {@code
 * error.type}, since its status says nothing. No input makes it throw: a body that is not the
 * documented JSON still becomes the exception of its status, with the start of the raw text in the
 * message.
 */
public final class ErrorTranslator {
  private static final Set<String> SPEND_CAP_CODES =
      Set.of("enforced_spend_limit_reached", "contract_spend_limit_reached");

  // The statuses the API documents per error.type, for errors that arrive inside a 200 stream.
  private static final Map<String, Integer> STATUS_OF_TYPE =
      Map.ofEntries(
          Map.entry("invalid_request_error", 400),
          Map.entry("authentication_error", 401),
          Map.entry("billing_error", 402),
          Map.entry("permission_error", 403),
          Map.entry("not_found_error", 404),
          Map.entry("conflict_error", 409),
          Map.entry("request_too_large", 413),
          Map.entry("rate_limit_error", 429),
          Map.entry("api_error", 500),
          Map.entry("timeout_error", 504),
          Map.entry("overloaded_error", 529));

  /** One row of the error table. */
  private record Row(
      IntPredicate status,
      Predicate<FailedResponse> when,
      Function<FailedResponse, ClaudeApiException> make) {}

  private static final Predicate<FailedResponse> ALWAYS = r -> true;

  private static final List<Row> TABLE =
      List.of(
          new Row(is(400), ContextLengthMessage::matches, ContextLengthMessage::exception),
          new Row(is(400), ALWAYS, InvalidRequestException::new),
          new Row(is(401), ALWAYS, AuthenticationException::new),
          new Row(is(402), ALWAYS, BillingException::new),
          new Row(is(403), ALWAYS, PermissionDeniedException::new),
          new Row(is(404), ALWAYS, NotFoundException::new),
          // A proxy's request timeout: the request never reached the API, so a retry is safe.
          new Row(is(408), ALWAYS, r -> new ClaudeApiException(ErrorKind.TIMEOUT, r)),
          new Row(is(409), ALWAYS, ConflictException::new),
          new Row(is(413), ALWAYS, RequestTooLargeException::new),
          // The spend cap answers 429 but lasts until the cap resets: billing, never a rate limit
          // to wait out.
          new Row(is(429), ErrorTranslator::isSpendCap, SpendLimitException::new),
          new Row(is(429), ALWAYS, RateLimitException::new),
          new Row(is(504), ALWAYS, GatewayTimeoutException::new),
          new Row(is(529), ALWAYS, OverloadedException::new),
          new Row(s -> s >= 500, ALWAYS, ServerException::new),
          new Row(s -> s >= 400, ALWAYS, InvalidRequestException::new),
          // 1xx/3xx: something between us and the API answered in a way the API never does.
          new Row(s -> true, ALWAYS, ServerException::new));

  private ErrorTranslator() {}

  private static boolean isSpendCap(FailedResponse response) {
    return response.errorCode() != null && SPEND_CAP_CODES.contains(response.errorCode());
  }

  private static IntPredicate is(int status) {
    return s -> s == status;
  }

  /**
   * Returns the exception of an error response.
   *
   * @param metadata the response's status and headers; a 2xx status means the error came inside a
   *     stream
   * @param body the response body as text; may be empty, HTML, truncated or otherwise not JSON
   */
  public static ClaudeApiException translate(ResponseMetadata metadata, String body) {
    FailedResponse response = ErrorBodies.read(metadata, body);
    int status = classifyingStatus(response);
    for (Row row : TABLE) {
      if (row.status().test(status) && row.when().test(response)) {
        return row.make().apply(response);
      }
    }
    throw new AssertionError("the last row matches every status");
  }

  private static int classifyingStatus(FailedResponse response) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      // An unknown or missing type inside a stream is the server's failure: api_error.
      Integer documented =
          response.errorType() == null ? null : STATUS_OF_TYPE.get(response.errorType());
      return documented == null ? 500 : documented;
    }
    return status;
  }

  /**
   * Returns the exception of an I/O failure: a timeout becomes {@link ClaudeTimeoutException},
   * anything else {@link ClaudeConnectionException}.
   *
   * @param what what was being done, for the message, such as {@code "POST /v1/messages"}
   */
  public static ClaudeException translate(IOException e, String what) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof SocketTimeoutException || isCallTimeout(e)) {
      return new ClaudeTimeoutException(what + " timed out: " + detail, e);
    }
    return new ClaudeConnectionException(what + " failed: " + detail, e);
  }

  // OkHttp reports its call timeout as a plain InterruptedIOException("timeout").
  private static boolean isCallTimeout(IOException e) {
    return e instanceof InterruptedIOException && "timeout".equals(e.getMessage());
  }

  /** Returns whether a parsed body looks like the API's error JSON. */
  static boolean isErrorJson(ErrorBody body) {
    return body != null && body.error() != null && body.error().type() != null;
  }

  static ErrorBody parse(String body) {
    try {
      return WireJson.mapper().readValue(body, ErrorBody.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
