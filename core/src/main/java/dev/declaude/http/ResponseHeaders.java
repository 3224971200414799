package dev.declaude.http;

import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a response's headers into {@link ResponseMetadata}: request id, the {@code anthropic-ratelimit-*}
 * families and the retry signals. Lenient by design: a header that cannot be read counts as absent, and
 * no input makes it throw.
 */
public final class ResponseHeaders {
  // RFC 9110 §10.2.3 allows delay-seconds as an integer; the official SDKs also accept a decimal.
  private static final Pattern SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
  private static final Pattern MILLIS = Pattern.compile("\\d{1,15}(\\.\\d{1,9})?");
  // Nothing sensible waits longer; it also keeps Duration arithmetic far from overflow.
  private static final Duration LONGEST = Duration.ofDays(31);

  private ResponseHeaders() {}

  /**
   * Returns the metadata of a response.
   *
   * @param status the HTTP status
   * @param header looks a header up by lower-case name, case-insensitively; returns {@code null} if absent
   * @param now when the response arrived, for a {@code retry-after} given as an HTTP date
   */
  public static ResponseMetadata parse(int status, Function<String, String> header, Instant now) {
    return new ResponseMetadata(
        status,
        blankToNull(header.apply("request-id")),
        rateLimits(header),
        retryAfter(header.apply("retry-after-ms"), header.apply("retry-after"), now),
        shouldRetry(header.apply("x-should-retry")));
  }

  /**
   * Returns the server's requested wait: {@code retry-after-ms} (milliseconds, decimal allowed) when
   * readable and positive, else {@code retry-after} as seconds (integer or decimal) or as an HTTP date;
   * {@code null} when neither yields a positive wait (the retry engine then uses its backoff).
   */
  public static Duration retryAfter(String retryAfterMs, String retryAfter, Instant now) {
    Duration ms = decimal(retryAfterMs, MILLIS, 1_000_000L);
    if (ms != null) {
      return ms;
    }
    Duration seconds = decimal(retryAfter, SECONDS, 1_000_000_000L);
    return seconds != null ? seconds : httpDate(retryAfter, now);
  }

  /** Returns {@code x-should-retry} as a boolean, or {@code null} when absent or neither true nor false. */
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

  /** Returns the four rate-limit families; a family with none of its three headers is {@code null}. */
  public static RateLimits rateLimits(Function<String, String> header) {
    RateLimits limits = new RateLimits(
        family(header, "requests"), family(header, "tokens"),
        family(header, "input-tokens"), family(header, "output-tokens"));
    return limits.isEmpty() ? RateLimits.NONE : limits;
  }

  private static RateLimit family(Function<String, String> header, String name) {
    String prefix = "anthropic-ratelimit-" + name + "-";
    Long limit = count(header.apply(prefix + "limit"));
    Long remaining = count(header.apply(prefix + "remaining"));
    Instant reset = instant(header.apply(prefix + "reset"));
    return limit == null && remaining == null && reset == null ? null : new RateLimit(limit, remaining, reset);
  }

  private static Duration decimal(String value, Pattern shape, long nanosPerUnit) {
    if (value == null || !shape.matcher(value.trim()).matches()) {
      return null;
    }
    double units = Double.parseDouble(value.trim());
    if (!(units > 0)) {
      return null;
    }
    double nanos = Math.ceil(units * nanosPerUnit);
    return nanos >= LONGEST.toNanos() ? LONGEST : Duration.ofNanos((long) nanos);
  }

  private static Duration httpDate(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT))
          .toInstant();
      Duration wait = Duration.between(now, at);
      if (wait.isNegative() || wait.isZero()) {
        return null;
      }
      return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static Long count(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.trim(), Instant::from);
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
