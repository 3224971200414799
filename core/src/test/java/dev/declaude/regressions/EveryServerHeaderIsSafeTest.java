package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.ClaudeException;
import dev.declaude.internal.http.ErrorTranslator;
import dev.declaude.internal.http.ResponseHeaders;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.retry.FakeRandom;
import dev.declaude.retry.FakeTime;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property: for any values of the headers the engine reads ({@code retry-after}, {@code
 * retry-after-ms}, {@code x-should-retry}, every {@code anthropic-ratelimit-*}) on any status,
 * nothing escapes but declaude's own exceptions, and no wait the engine or the pacer takes exceeds
 * {@code maxServerWait}. Responses take the transport's path: headers parsed, the pacer told, a
 * failure translated.
 */
class EveryServerHeaderIsSafeTest {
  private static final Duration BOUND = Duration.ofMinutes(2);
  private static final List<String> FAMILIES =
      List.of("requests", "tokens", "input-tokens", "output-tokens");

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.of(
            "0",
            "-1",
            "1",
            "99999999999",
            "999999999999",
            "9223372036854775807",
            "9223372036854775808",
            "1e308",
            "NaN",
            "Infinity",
            "-0",
            "0.0000000001",
            "1.5",
            "",
            " ",
            "soon",
            "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "3000-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00.001Z",
            "1970-01-01T00:00:00Z",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "true",
            "false",
            "TRUE"),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    List<String> names =
        new java.util.ArrayList<>(List.of("retry-after", "retry-after-ms", "x-should-retry"));
    for (String family : FAMILIES) {
      for (String part : List.of("limit", "remaining", "reset")) {
        names.add("anthropic-ratelimit-" + family + "-" + part);
      }
    }
    return Arbitraries.of(names)
        .set()
        .ofMaxSize(names.size())
        .flatMap(
            chosen ->
                values()
                    .list()
                    .ofSize(chosen.size())
                    .map(
                        vs -> {
                          Map<String, String> m = new HashMap<>();
                          int i = 0;
                          for (String name : chosen) {
                            m.put(name, vs.get(i++));
                          }
                          return m;
                        }));
  }

  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.of(200, 400, 408, 409, 429, 500, 503, 529, 302, 418);
  }

  @Property(tries = 1000)
  void noHeaderValueEscapesOrMakesAnyoneWaitPastTheBound(
      @ForAll("headers") Map<String, String> headers, @ForAll("statuses") int status) {
    FakeTime time = new FakeTime();
    RetryEngine engine =
        RetryEngine.builder().timeSource(time).sleeper(time).random(FakeRandom.of(0.999)).build();
    RetryPolicy policy =
        RetryPolicy.builder()
            .retryOn(ErrorKind.RATE_LIMIT, ErrorKind.SERVER, ErrorKind.TIMEOUT, ErrorKind.CONFLICT)
            .maxAttempts(3)
            .build();
    Map<String, String> lowerCase = new HashMap<>(headers);

    for (int call = 0; call < 3; call++) {
      try {
        engine.execute(
            policy,
            () -> {
              ResponseMetadata m = ResponseHeaders.parse(status, lowerCase::get, time.now());
              if (status / 100 == 2) {
                // The transport tells the engine of a success; a failure it learns from the
                // exception.
                engine.observe(m);
                return "ok";
              }
              throw ErrorTranslator.translate(m, "{\"type\":\"error\"}");
            });
      } catch (ClaudeException expected) {
        assertTrue(expected.attempts() >= 1);
      }
    }

    for (long slept : time.sleeps()) {
      assertTrue(slept <= BOUND.toMillis(), () -> "slept " + slept + " ms on " + headers);
    }
    assertEquals(BOUND, engine.maxServerWait());
  }
}
