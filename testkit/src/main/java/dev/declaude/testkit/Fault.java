package dev.declaude.testkit;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the simulator plays instead of (or on top of) a normal answer: an error status with a
 * body of a chosen shape, a dropped connection, an error in the middle of a stream, or a delay.
 *
 * <pre>{@code
 * sim.enqueue(Fault.status(529),
 *             Fault.status(429).retryAfter("2"),
 *             Fault.status(502).withBody(BodyShape.HTML),
 *             Fault.dropConnection());
 * }</pre>
 *
 * <p>An error fault's JSON body uses the documented {@code error.type} for its status (400
 * invalid_request_error, 401 authentication_error, 402 billing_error, 403 permission_error, 404
 * not_found_error, 409 conflict_error, 413 request_too_large, 429 rate_limit_error, 500/502/503
 * api_error, 504 timeout_error, 529 overloaded_error) and the spec's default message; every setting
 * can be changed. A 413 takes the edge shape ({@link BodyShape#EDGE_413}) unless told otherwise.
 *
 * <p>Immutable and thread-safe: every method returns a new fault.
 */
public final class Fault {
  /** What a fault does; the simulator dispatches on it. */
  enum Kind {
    ERROR,
    DROP_AT_START,
    DROP_DURING_BODY,
    STREAM_ERROR,
    DELAY
  }

  private final Kind kind;
  private final int status;
  private final BodyShape shape;
  private final String errorType;
  private final String message;
  private final String errorCode;
  private final Map<String, String> headers;
  private final boolean requestId;
  private final Duration delay;
  private final int deltas;

  private Fault(
      Kind kind,
      int status,
      BodyShape shape,
      String errorType,
      String message,
      String errorCode,
      Map<String, String> headers,
      boolean requestId,
      Duration delay,
      int deltas) {
    this.kind = kind;
    this.status = status;
    this.shape = shape;
    this.errorType = errorType;
    this.message = message;
    this.errorCode = errorCode;
    this.headers = Map.copyOf(headers);
    this.requestId = requestId;
    this.delay = delay;
    this.deltas = deltas;
  }

  /**
   * Returns an error response with {@code status}, the documented error type and default message.
   *
   * @throws IllegalArgumentException if {@code status} is not an error status (400 to 599)
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a fault status must be in 400..599, was " + status);
    }
    BodyShape shape = status == 413 ? BodyShape.EDGE_413 : BodyShape.JSON;
    String type = ErrorBodies.typeFor(status);
    return new Fault(
        Kind.ERROR, status, shape, type, null, null, Map.of(), status != 413, Duration.ZERO, 0);
  }

  /** Returns a 529 {@code overloaded_error}. */
  public static Fault overloaded() {
    return status(529);
  }

  /**
   * Returns the spend-cap 429: {@code details.error_code} {@code enforced_spend_limit_reached}, the
   * documented message naming the first day of next month, and no {@code retry-after}, since
   * waiting will not help.
   */
  public static Fault spendLimit() {
    return status(429).errorCode("enforced_spend_limit_reached");
  }

  /**
   * Returns the acceleration-limit 429: {@code details.error_code} {@code ramp_limit_exceeded}, the
   * error the API answers when an organization's usage grows too sharply (claude-api.md §1.4,
   * §2.4), with a message saying so and {@code retry-after} of {@code retryAfter} in whole seconds,
   * rounded up. Unlike the {@link #spendLimit() spend limit}, waiting helps.
   *
   * @throws IllegalArgumentException if {@code retryAfter} is zero or negative
   */
  public static Fault rampLimit(Duration retryAfter) {
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
    }
    long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
    return status(429).errorCode(FaultResponses.RAMP_LIMIT_CODE).retryAfter(Long.toString(seconds));
  }

  /** Returns a fault that reads the request and closes the connection without answering. */
  public static Fault dropConnection() {
    return new Fault(
        Kind.DROP_AT_START, 0, BodyShape.JSON, null, null, null, Map.of(), true, Duration.ZERO, 0);
  }

  /**
   * Returns a fault that starts the normal answer and closes the connection halfway through its
   * body.
   */
  public static Fault dropDuringBody() {
    return new Fault(
        Kind.DROP_DURING_BODY,
        0,
        BodyShape.JSON,
        null,
        null,
        null,
        Map.of(),
        true,
        Duration.ZERO,
        0);
  }

  /**
   * Returns a fault that answers 200 with an event stream, sends {@code deltas} text deltas and
   * then an {@code event: error} frame of {@code errorType} with that type's default message. The
   * answer is a stream even when the request did not ask for one.
   *
   * @throws IllegalArgumentException if {@code deltas} is negative
   */
  public static Fault streamErrorAfter(int deltas, String errorType) {
    if (deltas < 0) {
      throw new IllegalArgumentException("deltas must be >= 0, was " + deltas);
    }
    Objects.requireNonNull(errorType, "errorType");
    return new Fault(
        Kind.STREAM_ERROR,
        200,
        BodyShape.JSON,
        errorType,
        null,
        null,
        Map.of(),
        true,
        Duration.ZERO,
        deltas);
  }

  /**
   * Returns a fault that holds the response headers back for {@code delay}, then answers normally.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public static Fault delay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    return new Fault(Kind.DELAY, 0, BodyShape.JSON, null, null, null, Map.of(), true, delay, 0);
  }

  /** Returns this error with its body in {@code shape}. */
  public Fault withBody(BodyShape shape) {
    boolean keepId = requestId && shape != BodyShape.EDGE_413;
    return new Fault(
        kind,
        status,
        Objects.requireNonNull(shape, "shape"),
        errorType,
        message,
        errorCode,
        headers,
        keepId,
        delay,
        deltas);
  }

  /**
   * Returns this fault with {@code retry-after: value}, sent as given ({@code "2"}, {@code "1.5"},
   * a date).
   */
  public Fault retryAfter(String value) {
    return header("retry-after", value);
  }

  /** Returns this fault with {@code retry-after} set to {@code date} as an RFC 1123 HTTP date. */
  public Fault retryAfterDate(ZonedDateTime date) {
    return retryAfter(
        DateTimeFormatter.RFC_1123_DATE_TIME.format(date.withZoneSameInstant(ZoneOffset.UTC)));
  }

  /** Returns this fault with {@code retry-after-ms: value}, the SDKs' millisecond variant. */
  public Fault retryAfterMs(String value) {
    return header("retry-after-ms", value);
  }

  /**
   * Returns this fault with {@code x-should-retry: true|false}, which the official SDKs obey first.
   */
  public Fault shouldRetry(boolean retry) {
    return header("x-should-retry", Boolean.toString(retry));
  }

  /** Returns this fault with an extra response header. */
  public Fault header(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Fault(
        kind, status, shape, errorType, message, errorCode, more, requestId, delay, deltas);
  }

  /** Returns this fault with {@code error.type} set to {@code type}, documented or not. */
  public Fault errorType(String type) {
    return new Fault(
        kind,
        status,
        shape,
        Objects.requireNonNull(type, "type"),
        message,
        errorCode,
        headers,
        requestId,
        delay,
        deltas);
  }

  /** Returns this fault with {@code error.details.error_code} set to {@code code}. */
  public Fault errorCode(String code) {
    return new Fault(
        kind,
        status,
        shape,
        errorType,
        message,
        Objects.requireNonNull(code, "code"),
        headers,
        requestId,
        delay,
        deltas);
  }

  /** Returns this fault with {@code error.message} set to {@code text}. */
  public Fault message(String text) {
    return new Fault(
        kind,
        status,
        shape,
        errorType,
        Objects.requireNonNull(text, "text"),
        errorCode,
        headers,
        requestId,
        delay,
        deltas);
  }

  /** Returns this fault without a {@code request-id} header or body field. */
  public Fault withoutRequestId() {
    return new Fault(
        kind, status, shape, errorType, message, errorCode, headers, false, delay, deltas);
  }

  Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  BodyShape shape() {
    return shape;
  }

  String errorType() {
    return errorType;
  }

  /** Returns the message set, or {@code null} for the default. */
  String message() {
    return message;
  }

  String errorCode() {
    return errorCode;
  }

  Map<String, String> headers() {
    return headers;
  }

  boolean hasRequestId() {
    return requestId;
  }

  Duration delay() {
    return delay;
  }

  int deltas() {
    return deltas;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ERROR ->
          "Fault["
              + status
              + " "
              + errorType
              + (errorCode == null ? "" : "/" + errorCode)
              + ", "
              + shape
              + (headers.isEmpty() ? "" : ", " + headers)
              + "]";
      case DROP_AT_START -> "Fault[drop connection]";
      case DROP_DURING_BODY -> "Fault[drop during body]";
      case STREAM_ERROR -> "Fault[stream " + errorType + " after " + deltas + " deltas]";
      case DELAY -> "Fault[delay " + delay + "]";
    };
  }
}
