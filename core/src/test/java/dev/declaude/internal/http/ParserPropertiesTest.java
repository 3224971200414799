package dev.declaude.internal.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.response.ResponseMetadata;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import okio.Buffer;

/** No input makes the error-body, header or SSE parsers throw anything but declaude's types. */
class ParserPropertiesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> jsonish =
        Arbitraries.strings().withChars("{}[]\":,. -0123456789abcdeflnrstu_\\").ofMaxLength(200);
    Arbitrary<String> nearlyRight =
        Arbitraries.of("invalid_request_error", "rate_limit_error", "overloaded_error", "", "x")
            .flatMap(
                type ->
                    Arbitraries.strings()
                        .ofMaxLength(60)
                        .map(
                            msg ->
                                "{\"type\":\"error\",\"error\":{\"type\":\""
                                    + type
                                    + "\",\"message\":"
                                    + msg
                                    + ",\"details\":{\"error_code\":"
                                    + msg
                                    + "}}}"));
    Arbitrary<String> contextLength =
        Arbitraries.longs()
            .map(
                n ->
                    "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long: "
                        + n
                        + " tokens > 99999999999999999999 maximum\"}}");
    return Arbitraries.oneOf(any, jsonish, nearlyRight, contextLength);
  }

  @Property(tries = 400)
  void anyStatusAndBodyBecomesAnApiException(
      @ForAll @IntRange(min = 100, max = 999) int status, @ForAll("bodies") String body) {
    ClaudeApiException e = ErrorTranslator.translate(ResponseMetadata.ofStatus(status), body);
    assertNotNull(e.kind());
    assertNotNull(e.getMessage());
  }

  @Property(tries = 300)
  void anyHeaderValuesParse(
      @ForAll String requestId,
      @ForAll String retryAfter,
      @ForAll String retryAfterMs,
      @ForAll String shouldRetry,
      @ForAll String limit,
      @ForAll String reset) {
    Map<String, String> headers =
        Map.of(
            "request-id",
            requestId,
            "retry-after",
            retryAfter,
            "retry-after-ms",
            retryAfterMs,
            "x-should-retry",
            shouldRetry,
            "anthropic-ratelimit-requests-limit",
            limit,
            "anthropic-ratelimit-requests-reset",
            reset,
            "anthropic-ratelimit-tokens-remaining",
            limit);
    assertNotNull(ResponseHeaders.parse(200, headers::get, NOW));
  }

  @Provide
  Arbitrary<String> sse() {
    Arbitrary<String> line =
        Arbitraries.oneOf(
            Arbitraries.of(
                "event: error",
                "event: message_start",
                "event: content_block_delta",
                "data: {",
                "data: }",
                "data: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}",
                "data: {\"type\":\"ping\"}",
                "data: {\"type\":\"content_block_delta\",\"index\":\"x\",\"delta\":5}",
                "data: null",
                "data: []",
                ":",
                "",
                "\r"),
            Arbitraries.strings().ofMaxLength(40));
    return line.list().ofMaxSize(20).map(lines -> String.join("\n", lines));
  }

  @Property(tries = 400)
  void anySseInputYieldsEventsOrDeclaudeExceptions(@ForAll("sse") String input) throws IOException {
    SseParser parser = new SseParser(new Buffer().writeUtf8(input), 1 << 20, "the test stream");
    SseEvent event;
    while ((event = parser.next()) != null) {
      try {
        assertNotNull(StreamEventDecoder.decode(event, ResponseMetadata.ofStatus(200)));
      } catch (ClaudeException expected) {
        assertNotNull(expected.kind());
      }
    }
  }
}
