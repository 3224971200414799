package dev.declaude.internal.http;

import static dev.declaude.internal.http.ErrorTableTest.request;
import static dev.declaude.internal.http.MockApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.error.ClaudeTimeoutException;
import dev.declaude.error.MalformedResponseException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.error.ServerException;
import dev.declaude.transport.RequestOptions;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies that are not the documented JSON, and failures below HTTP, still become the right type.
 */
class BodyShapeTest {
  private final MockApi api = new MockApi();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void anHtmlPageFromAProxyBecomesTheExceptionOfItsStatus() {
    api.server.enqueue(
        new MockResponse()
            .setResponseCode(502)
            .setHeader("content-type", "text/html")
            .setBody(
                "<html><head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>"));

    var e = assertThrows(ServerException.class, () -> api.client.send(request()));

    assertNull(e.errorType());
    assertEquals(
        "502: HTML body: <html><head><title>502 Bad Gateway</title></head> <body>nginx</body></html>",
        e.getMessage());
  }

  @Test
  void anEmptyBodyBecomesTheExceptionOfItsStatus() {
    api.server.enqueue(new MockResponse().setResponseCode(529));

    var e = assertThrows(OverloadedException.class, () -> api.client.send(request()));

    assertEquals("529: empty body", e.getMessage());
  }

  @Test
  void truncatedJsonBecomesTheExceptionOfItsStatusWithTheRawText() {
    api.server.enqueue(json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overl"));

    var e = assertThrows(OverloadedException.class, () -> api.client.send(request()));

    assertEquals(
        "529: body that is not the API's error JSON: {\"type\":\"error\",\"error\":{\"type\":\"overl",
        e.getMessage());
  }

  @Test
  void aConnectionCutDuringAnErrorBodyStillGivesTheExceptionOfItsStatus() {
    api.server.enqueue(
        json(
                529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
            .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    assertThrows(OverloadedException.class, () -> api.client.send(request()));
  }

  @Test
  void plainTextIsKeptShortInTheMessage() {
    api.server.enqueue(new MockResponse().setResponseCode(500).setBody("x".repeat(5000)));

    var e = assertThrows(ServerException.class, () -> api.client.send(request()));

    assertEquals(
        "500: body that is not the API's error JSON: " + "x".repeat(200) + "...", e.getMessage());
  }

  @Test
  void aSuccessfulStatusWithAnHtmlBodyIsMalformedAndOfKindServer() {
    api.server.enqueue(
        new MockResponse().setResponseCode(200).setBody("<html>captive portal</html>"));

    var e = assertThrows(MalformedResponseException.class, () -> api.client.send(request()));

    assertEquals(dev.declaude.annotation.ErrorKind.SERVER, e.kind());
    assertTrue(e.getMessage().contains("HTML body: <html>captive portal</html>"), e.getMessage());
  }

  @Test
  void aConnectionDroppedBeforeTheResponseIsAConnectionFailure() {
    api.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));

    var e = assertThrows(ClaudeConnectionException.class, () -> api.client.send(request()));

    assertEquals(
        "POST /v1/messages failed: unexpected end of stream on http://localhost:"
            + api.server.getPort()
            + "/...",
        e.getMessage());
  }

  @Test
  void aSuccessBodyCutShortIsAConnectionFailure() {
    api.server.enqueue(
        json(200, MockApi.OK_BODY).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

    assertThrows(ClaudeConnectionException.class, () -> api.client.send(request()));
  }

  @Test
  void aRefusedConnectionIsAConnectionFailure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ClaudeClient client =
        ClaudeClient.builder().apiKey(MockApi.KEY).baseUrl("http://127.0.0.1:" + port).build()) {
      assertThrows(ClaudeConnectionException.class, () -> client.send(request()));
    }
  }

  @Test
  void aReadTimeoutIsATimeout() throws Exception {
    // No answer at all, rather than a late one: the server's thread would hold its shutdown.
    api.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    try (ClaudeClient client =
        ClaudeClient.builder()
            .apiKey(MockApi.KEY)
            .baseUrl(api.server.url("/").toString())
            .readTimeout(Duration.ofMillis(100))
            .build()) {
      var e = assertThrows(ClaudeTimeoutException.class, () -> client.send(request()));
      // OkHttp's own timer says "timeout", the socket's "Read timed out": whichever fires first.
      assertTrue(
          e.getMessage().matches("POST /v1/messages timed out: (timeout|Read timed out)"),
          e.getMessage());
    }
  }

  @Test
  void aPerRequestTimeoutOverridesTheClientsAndIsATimeout() {
    api.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    assertThrows(
        ClaudeTimeoutException.class,
        () -> api.client.send(request(), RequestOptions.timeout(Duration.ofMillis(100))));
  }

  @Test
  void retryAfterVariantsAreParsedOntoTheException() {
    api.server.enqueue(
        json(429, MockApi.error("rate_limit_error", "slow down", "r1"))
            .setHeader("retry-after", "2"));
    api.server.enqueue(
        json(429, MockApi.error("rate_limit_error", "slow down", "r2"))
            .setHeader("retry-after", "1.5"));
    api.server.enqueue(
        json(429, MockApi.error("rate_limit_error", "slow down", "r3"))
            .setHeader("retry-after", "30")
            .setHeader("retry-after-ms", "250"));
    api.server.enqueue(
        json(429, MockApi.error("rate_limit_error", "slow down", "r4"))
            .setHeader("retry-after", "soon"));

    assertEquals(Duration.ofSeconds(2), retryAfterOfNextCall());
    assertEquals(Duration.ofMillis(1500), retryAfterOfNextCall());
    assertEquals(Duration.ofMillis(250), retryAfterOfNextCall());
    assertNull(retryAfterOfNextCall());
  }

  @Test
  void shouldRetryIsReadFromTheHeader() {
    api.server.enqueue(
        json(529, MockApi.error("overloaded_error", "Overloaded", "r1"))
            .setHeader("x-should-retry", "false"));
    api.server.enqueue(
        json(400, MockApi.error("invalid_request_error", "bad", "r2"))
            .setHeader("x-should-retry", "true"));
    api.server.enqueue(json(500, MockApi.error("api_error", "oops", "r3")));

    assertEquals(
        Boolean.FALSE,
        assertThrows(OverloadedException.class, () -> api.client.send(request()))
            .shouldRetry()
            .orElseThrow());
    assertEquals(
        Boolean.TRUE,
        assertThrows(
                dev.declaude.error.InvalidRequestException.class, () -> api.client.send(request()))
            .shouldRetry()
            .orElseThrow());
    assertTrue(
        assertThrows(ServerException.class, () -> api.client.send(request()))
            .shouldRetry()
            .isEmpty());
  }

  private Duration retryAfterOfNextCall() {
    return assertThrows(RateLimitException.class, () -> api.client.send(request()))
        .retryAfter()
        .orElse(null);
  }
}
