package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ServerException;
import dev.declaude.retry.RetryPolicy;
import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: OkHttp re-sent a request on its own, behind the retry engine, where {@code
 * retryOnConnectionFailure(false)} does not reach: a 503 with {@code Retry-After: 0} was sent again
 * at once (an attempt nobody counted, paced or logged, and a second generation billed), and a
 * redirect was followed, carrying the API key to wherever it pointed. Found by the simulator's
 * property test, whose raw OkHttp client drew that 503 and read the re-sent request's 200.
 */
class OkHttpNeverResendsBehindTheEngineTest {
  private final MockWebServer server = new MockWebServer();
  private final MockWebServer elsewhere = new MockWebServer();

  @AfterEach
  void close() throws IOException {
    server.shutdown();
    elsewhere.shutdown();
  }

  private ClaudeClient client() {
    return ClaudeClient.builder()
        .apiKey("sk-ant-test-resend-0123456789")
        .baseUrl(server.url("/").toString())
        .defaultRetryPolicy(RetryPolicy.none())
        .build();
  }

  @Test
  void a503WithRetryAfterZeroReachesTheEngineInsteadOfBeingSentAgain() {
    server.enqueue(
        Loopback.error(503, "api_error", "Service unavailable", "req_1")
            .setHeader("retry-after", "0"));
    server.enqueue(Loopback.ok());

    try (ClaudeClient client = client()) {
      ServerException e =
          assertThrows(ServerException.class, () -> client.send(Loopback.request()));

      assertEquals(503, e.status());
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void aRedirectIsNotFollowedWithTheApiKey() {
    elsewhere.enqueue(Loopback.ok());
    for (int status : new int[] {302, 307}) {
      server.enqueue(
          Loopback.json(status, "{}").setHeader("location", elsewhere.url("/v1/messages")));
    }

    try (ClaudeClient client = client()) {
      for (int i = 0; i < 2; i++) {
        assertThrows(ClaudeApiException.class, () -> client.send(Loopback.request()));
      }

      assertEquals(2, server.getRequestCount());
      assertEquals(0, elsewhere.getRequestCount());
    }
  }
}
