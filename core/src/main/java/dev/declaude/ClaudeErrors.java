package dev.declaude;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.internal.http.ErrorTranslator;
import dev.declaude.internal.http.ResponseHeaders;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns what an HTTP client of your own saw into declaude's typed exceptions, by the same error
 * table the client uses: for code that calls the Messages API without {@code ClaudeClient} (a
 * hand-written HTTP call in a woven {@code @RetryOn} method, say) and wants the same exceptions,
 * kinds and retry signals. Stateless and thread-safe.
 *
 * <pre>{@code
 * HttpResponse<String> r = http.send(request, BodyHandlers.ofString());
 * if (r.statusCode() / 100 != 2) {
 *   throw ClaudeErrors.fromResponse(r.statusCode(), name -> r.headers().firstValue(name).orElse(null), r.body());
 * }
 * }</pre>
 */
public final class ClaudeErrors {
  private ClaudeErrors() {}

  /**
   * Returns the exception of an error response: its status, headers (request id, {@code
   * retry-after}, rate limits) and body, which may be the API's error JSON, HTML from a proxy,
   * empty or cut short.
   *
   * @param header looks a header up by lower-case name; returns {@code null} when it is absent
   * @throws NullPointerException if {@code header} is null
   */
  public static ClaudeApiException fromResponse(
      int status, Function<String, String> header, String body) {
    Objects.requireNonNull(header, "header");
    return ErrorTranslator.translate(ResponseHeaders.parse(status, header, Instant.now()), body);
  }

  /**
   * Returns the exception of a network failure: a {@code ClaudeTimeoutException} for a timeout,
   * else a {@code ClaudeConnectionException}.
   *
   * @param what what was being done, for the message, such as {@code "POST /v1/messages"}
   * @throws NullPointerException if an argument is null
   */
  public static ClaudeException fromNetworkFailure(IOException failure, String what) {
    return ErrorTranslator.translate(
        Objects.requireNonNull(failure, "failure"), Objects.requireNonNull(what, "what"));
  }
}
