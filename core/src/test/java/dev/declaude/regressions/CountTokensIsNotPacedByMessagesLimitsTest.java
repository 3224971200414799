package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.ClaudeClient;
import dev.declaude.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@code count_tokens} went through the Messages pacer. It is free and has requests
 * limits of its own, yet a spent Messages limit held it, and the rate-limit headers of its answers
 * were read as the Messages limits, so a spent count_tokens limit held every Messages call. The
 * clients allow each call one second, so a hold of seconds fails at once instead of being waited
 * out, and no test waits.
 */
class CountTokensIsNotPacedByMessagesLimitsTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void close() throws IOException {
    server.shutdown();
  }

  /** Headers of a limit of 6 requests a minute with none left: the next refills in 10 s. */
  private static MockResponse spent(MockResponse response) {
    return response
        .setHeader("anthropic-ratelimit-requests-limit", "6")
        .setHeader("anthropic-ratelimit-requests-remaining", "0")
        .setHeader(
            "anthropic-ratelimit-requests-reset",
            DateTimeFormatter.ISO_INSTANT.format(Instant.now().plusSeconds(60)));
  }

  private ClaudeClient client() {
    return ClaudeClient.builder()
        .apiKey("sk-ant-test-count-tokens-0123456789")
        .baseUrl(server.url("/").toString())
        .defaultRetryPolicy(RetryPolicy.builder().maxElapsed(Duration.ofSeconds(1)).build())
        .build();
  }

  @Test
  void aSpentCountTokensLimitDoesNotHoldMessagesCalls() {
    server.enqueue(spent(Loopback.json(200, "{\"input_tokens\":12}")));
    server.enqueue(Loopback.ok());
    try (ClaudeClient client = client()) {
      assertEquals(12, client.countTokens(Loopback.request()));

      client.send(Loopback.request());

      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void aSpentMessagesLimitDoesNotHoldCountTokens() {
    server.enqueue(spent(Loopback.ok()));
    server.enqueue(Loopback.json(200, "{\"input_tokens\":12}"));
    try (ClaudeClient client = client()) {
      client.send(Loopback.request());

      assertEquals(12, client.countTokens(Loopback.request()));
      assertEquals(2, server.getRequestCount());
    }
  }
}
