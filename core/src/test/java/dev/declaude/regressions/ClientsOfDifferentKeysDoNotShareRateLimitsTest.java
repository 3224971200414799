package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.retry.PacingException;
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
 * Rate limits belong to the organisation behind an API key. Clients of one key in one process share
 * its rate-limit domain, so what one learns holds the other; clients of different keys share
 * nothing, so one key's spent limit never holds another key's calls. Clients are built as users
 * build them (their own engine on real time); a caller the pacer would hold for seconds fails at
 * once with a {@link PacingException} instead, because its policy allows it one second, so no test
 * waits.
 */
class ClientsOfDifferentKeysDoNotShareRateLimitsTest {
  private static final String KEY_A = "sk-ant-test-organisation-a-0123456789";
  private static final String KEY_B = "sk-ant-test-organisation-b-0123456789";

  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void close() throws IOException {
    server.shutdown();
  }

  /** A success that spent a limit of 6 requests a minute: the next request refills in 10 s. */
  private static MockResponse spent() {
    return Loopback.ok()
        .setHeader("anthropic-ratelimit-requests-limit", "6")
        .setHeader("anthropic-ratelimit-requests-remaining", "0")
        .setHeader(
            "anthropic-ratelimit-requests-reset",
            DateTimeFormatter.ISO_INSTANT.format(Instant.now().plusSeconds(60)));
  }

  private ClaudeClient client(String key, RateLimitDomain domain) {
    var builder =
        ClaudeClient.builder()
            .apiKey(key)
            .baseUrl(server.url("/").toString())
            .defaultRetryPolicy(RetryPolicy.builder().maxElapsed(Duration.ofSeconds(1)).build());
    return domain == null ? builder.build() : builder.rateLimitDomain(domain).build();
  }

  @Test
  void aClientIsNotHeldBecauseAnotherKeysLimitIsSpent() {
    server.enqueue(spent());
    server.enqueue(Loopback.ok());
    try (ClaudeClient a = client(KEY_A, null);
        ClaudeClient b = client(KEY_B, null)) {
      // Given key A's limit is spent
      a.send(Loopback.request());

      // When a client of key B calls, Then it goes at once
      b.send(Loopback.request());
      assertEquals(2, server.getRequestCount());
    }
  }

  @Test
  void anotherClientOfTheSameKeyIsHeldByTheSpentLimit() {
    server.enqueue(spent());
    try (ClaudeClient a = client(KEY_A, null);
        ClaudeClient sameKey = client(KEY_A, null)) {
      a.send(Loopback.request());

      assertThrows(PacingException.class, () -> sameKey.send(Loopback.request()));
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void twoKeysOfOneNamedDomainShareItsLimit() {
    server.enqueue(spent());
    RateLimitDomain organisation = RateLimitDomain.named("acme-" + server.getPort());
    try (ClaudeClient a = client(KEY_A, organisation);
        ClaudeClient b = client(KEY_B, organisation)) {
      a.send(Loopback.request());

      assertThrows(PacingException.class, () -> b.send(Loopback.request()));
      assertEquals(1, server.getRequestCount());
    }
  }
}
