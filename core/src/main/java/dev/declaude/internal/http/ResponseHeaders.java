package dev.declaude.internal.http;

import dev.declaude.internal.ServerText;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a response's headers into {@link ResponseMetadata}: request id, the {@code
 * anthropic-ratelimit-*} families and the retry signals. Lenient by design: a header that cannot be
 * read, or that says something absurd (a negative count, a date past what a clock can hold), counts
 * as absent with a DEBUG line, and no input makes it throw. Values are kept as the server sent them
 * otherwise: bounding waits is the retry engine's job ({@code maxServerWait}), so an exception can
 * still report the wait the server asked for.
 */
public final class ResponseHeaders {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseHeaders.class);
  // RFC 9110 §10.2.3 allows delay-seconds as an integer; the official SDKs also accept a decimal.
  // Twelve
  // digits of seconds (31,000 years) is far past any sane wait and far inside what a Duration
  // holds.
  private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
  private static final Pattern MILLIS = Pattern.compile("\\d{1,15}(\\.\\d{1,9})?");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  // A request id is an opaque token such as req_011CSHoEeqs5C35K2UUqR7Fy; anything longer is not
  // one.
  private static final int MAX_REQUEST_ID = 128;

  private ResponseHeaders() {}

  /**
   * Returns the metadata of a response.
   *
   * @param status the HTTP status
   * @param header looks a header up by lower-case name, case-insensitively; returns {@code null} if
   *     absent
   * @param now when the response arrived, for a {@code retry-after} given as an HTTP date
   */
  public static ResponseMetadata parse(int status, Function<String, String> header, Instant now) {
    return new ResponseMetadata(
        status,
        requestId(header.apply("request-id")),
        rateLimits(header),
        retryAfter(header.apply("retry-after-ms"), header.apply("retry-after"), now),
        shouldRetry(header.apply("x-should-retry")));
  }

  /**
   * Returns a request id fit for messages and logs: {@code null} when blank, else trimmed, escaped
   * and capped (a server could otherwise forge log lines through it).
   */
  public static String requestId(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String id = ServerText.escape(value.trim());
    return id.length() <= MAX_REQUEST_ID ? id : id.substring(0, MAX_REQUEST_ID) + "...";
  }

  /**
   * Returns the server's requested wait: {@code retry-after-ms} (milliseconds, decimal allowed)
   * when readable and positive, else {@code retry-after} as seconds (integer or decimal) or as an
   * HTTP date; {@code null} when neither yields a positive wait (the retry engine then uses its
   * backoff).
   */
  public static Duration retryAfter(String retryAfterMs, String retryAfter, Instant now) {
    Duration ms = decimal(retryAfterMs, MILLIS, "retry-after-ms", 1_000_000L);
    if (ms != null) {
      return ms;
    }
    Duration seconds = decimal(retryAfter, SECONDS, "retry-after", 1_000_000_000L);
    return seconds != null ? seconds : httpDate(retryAfter, now);
  }

  /**
   * Returns {@code x-should-retry} as a boolean, or {@code null} when absent or neither true nor
   * false.
   */
  public static Boolean shouldRetry(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (v.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    return v.equalsIgnoreCase("false") ? Boolean.FALSE : null;
  }

  /**
   * Returns the rate-limit families, the Priority Tier ones included; a family with none of its
   * three headers is {@code null}.
   */
  public static RateLimits rateLimits(Function<String, String> header) {
    RateLimits limits =
        new RateLimits(
            family(header, "anthropic-ratelimit-requests-"),
            family(header, "anthropic-ratelimit-tokens-"),
            family(header, "anthropic-ratelimit-input-tokens-"),
            family(header, "anthropic-ratelimit-output-tokens-"),
            family(header, "anthropic-priority-input-tokens-"),
            family(header, "anthropic-priority-output-tokens-"));
    return limits.isEmpty() ? RateLimits.NONE : limits;
  }

  private static RateLimit family(Function<String, String> header, String prefix) {
    Long limit = count(header.apply(prefix + "limit"), prefix + "limit");
    Long remaining = count(header.apply(prefix + "remaining"), prefix + "remaining");
    Instant reset = instant(header.apply(prefix + "reset"), prefix + "reset");
    return limit == null && remaining == null && reset == null
        ? null
        : new RateLimit(limit, remaining, reset);
  }

  private static Duration decimal(String value, Pattern shape, String name, long nanosPerUnit) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    if (!shape.matcher(v).matches()) {
      ignored(name, value);
      return null;
    }
    BigDecimal nanos =
        new BigDecimal(v)
            .multiply(BigDecimal.valueOf(nanosPerUnit))
            .setScale(0, RoundingMode.CEILING);
    if (nanos.signum() <= 0) {
      return null;
    }
    BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
    return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
  }

  private static Duration httpDate(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Instant at =
          ZonedDateTime.parse(
                  value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
              .toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() || wait.isZero() ? null : wait;
    } catch (DateTimeParseException | ArithmeticException e) {
      ignored("retry-after", value);
      return null;
    }
  }

  private static Long count(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      long n = Long.parseLong(value.trim());
      if (n < 0) {
        ignored(name, value);
        return null;
      }
      return n;
    } catch (NumberFormatException e) {
      ignored(name, value);
      return null;
    }
  }

  private static Instant instant(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.trim(), Instant::from);
    } catch (DateTimeParseException | ArithmeticException e) {
      ignored(name, value);
      return null;
    }
  }

  private static void ignored(String name, String value) {
    LOG.debug("ignoring unreadable header {}: {}", name, ServerText.escape(value));
  }
}
