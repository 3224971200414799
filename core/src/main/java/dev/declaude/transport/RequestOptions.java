package dev.declaude.transport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call settings that override the client's: the call timeout and extra headers (for example an
 * {@code anthropic-beta} list). Immutable.
 *
 * @param timeout the whole call's timeout, or {@code null} for the client's
 * @param headers extra request headers, sent as given
 */
public record RequestOptions(Duration timeout, Map<String, String> headers) {
  private static final RequestOptions DEFAULTS = new RequestOptions(null, Map.of());

  /**
   * Creates options.
   *
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public RequestOptions {
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    headers = Map.copyOf(headers == null ? Map.of() : headers);
  }

  /** Returns options that change nothing. */
  public static RequestOptions defaults() {
    return DEFAULTS;
  }

  /** Returns options with only a call timeout. */
  public static RequestOptions timeout(Duration timeout) {
    return new RequestOptions(Objects.requireNonNull(timeout, "timeout"), Map.of());
  }

  /** Returns a copy with the call timeout set. */
  public RequestOptions withTimeout(Duration timeout) {
    return new RequestOptions(Objects.requireNonNull(timeout, "timeout"), headers);
  }

  /** Returns a copy with one more header. */
  public RequestOptions withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new RequestOptions(timeout, copy);
  }

  @Override
  public String toString() {
    // Header values may be credentials a caller added; names are enough to debug.
    return "RequestOptions[timeout=" + timeout + ", headers=" + headers.keySet() + "]";
  }
}
