package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.ClaudeClient;
import java.time.format.DateTimeFormatter;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: the pacer took {@code anthropic-ratelimit-requests-limit} as requests per minute and
 * nothing else, so a gateway reporting its burst size there (5, with a {@code -reset} a quarter
 * second away) made declaude hold the next caller for 15 s, where a client without pacing would
 * have gone at once. The three headers are now read together, and pacing can be switched off.
 */
class MisreportedLimitDoesNotStallPacingTest {
  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  private MockResponse burstSpent() {
    String reset = DateTimeFormatter.ISO_INSTANT.format(api.time.now().plusMillis(250));
    return Loopback.ok()
        .setHeader("anthropic-ratelimit-requests-limit", "5")
        .setHeader("anthropic-ratelimit-requests-remaining", "0")
        .setHeader("anthropic-ratelimit-requests-reset", reset);
  }

  @Test
  void aBucketFullAgainInAQuarterSecondHoldsTheNextCallerNoLonger() {
    api.server.enqueue(burstSpent());
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      client.send(Loopback.request());

      client.send(Loopback.request());

      assertEquals(List.of(250L), api.time.sleeps());
    }
  }

  @Test
  void withPacingOffNobodyIsHeld() {
    api.server.enqueue(burstSpent());
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient client =
        api.client().retryEngine(api.engine().pacing(false).build()).build()) {
      client.send(Loopback.request());

      client.send(Loopback.request());

      assertEquals(List.of(), api.time.sleeps());
    }
  }
}
