package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.ClaudeClient;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@code toString} of the client showed a base URL's {@code user:password@}, a proxy's
 * secret.
 */
class BaseUrlCredentialsAreNeverShownTest {
  @Test
  void theClientsToStringDropsTheUserAndPassword() {
    try (ClaudeClient client =
        ClaudeClient.builder()
            .apiKey(Loopback.KEY)
            .baseUrl("https://alice:s3cret@proxy.example.com/anthropic")
            .build()) {

      assertEquals(
          "ClaudeClient[baseUrl=https://proxy.example.com/anthropic, model=claude-sonnet-4-6]",
          client.toString());
    }
  }
}
