package dev.declaude.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.internal.http.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the packaged server jar, started as its own process, with a plain HTTP client. */
class SimulatorServerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String BODY =
      "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  private static final String STREAM =
      "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":256,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  // Two requests, then one more every 30 s: no test run is slow enough to see a refill.
  private static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        ServerProcess.started(
            "--port", "0", "--rate-limit", "2/min", "--burst", "2", "--seed", "7");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void reset() throws Exception {
    assertEquals(200, post("/_simulator/reset", "", false).statusCode());
  }

  private static HttpResponse<String> post(String path, String body, boolean withKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (withKey) {
      request.header("x-api-key", server.apiKey()).header("anthropic-version", "2023-06-01");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return WireJson.mapper().readTree(response.body());
  }

  @Test
  void theStartupLineNamesALoopbackUrlAndTheDefaultKey() {
    assertTrue(server.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), server.baseUrl());
    assertEquals("sk-ant-sim-00000000000000000000000000000000", server.apiKey());
  }

  @Test
  void aMessageIsAnswered() throws Exception {
    HttpResponse<String> answer = post("/v1/messages", BODY, true);

    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode message = json(answer);
    assertEquals("message", message.path("type").asText());
    assertEquals("Simulated reply to: Hi", message.path("content").get(0).path("text").asText());
  }

  @Test
  void a429ScriptedThroughTheAdminEndpointCarriesItsRetryAfter() throws Exception {
    HttpResponse<String> scripted =
        post("/_simulator/faults", "{\"status\":429,\"retryAfter\":\"2\"}", false);
    assertEquals("{\"status\":\"ok\"}", scripted.body());

    HttpResponse<String> answer = post("/v1/messages", BODY, true);

    assertEquals(429, answer.statusCode());
    assertEquals("2", answer.headers().firstValue("retry-after").orElse(null));
    assertEquals(
        "{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}",
        json(answer).path("error").toString());
  }

  @Test
  void aStreamedAnswerArrivesAsServerSentEvents() throws Exception {
    HttpResponse<String> answer = post("/v1/messages", STREAM, true);

    assertEquals(200, answer.statusCode());
    assertEquals("text/event-stream", answer.headers().firstValue("content-type").orElse(null));
    List<String> events = new ArrayList<>();
    for (String line : answer.body().split("\n")) {
      if (line.startsWith("event: ")) {
        events.add(line.substring("event: ".length()));
      }
    }
    // "Simulated reply to: Hi" comes in pieces of at most 10 characters.
    assertEquals(
        List.of(
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        events);
  }

  @Test
  void theRateLimitFromTheCommandLineRefusesTheThirdRequest() throws Exception {
    post("/v1/messages", BODY, true);
    HttpResponse<String> second = post("/v1/messages", BODY, true);

    HttpResponse<String> third = post("/v1/messages", BODY, true);

    assertEquals(200, second.statusCode());
    assertEquals(
        "2", second.headers().firstValue("anthropic-ratelimit-requests-limit").orElse(null));
    assertEquals(429, third.statusCode());
    assertEquals(
        "Number of requests has exceeded your per-minute rate limit (2 requests per minute); see the"
            + " response headers for current usage. Please try again later.",
        json(third).path("error").path("message").asText());
    long retryAfter = Long.parseLong(third.headers().firstValue("retry-after").orElse("0"));
    assertTrue(retryAfter >= 1 && retryAfter <= 30, "retry-after " + retryAfter);
  }

  @Test
  void stoppingTheProcessClosesTheServerCleanly() throws Exception {
    try (ServerProcess own = ServerProcess.started("--port", "0")) {
      own.stop();

      assertEquals("declaude simulator stopped\n", own.remainingOutput());
      assertEquals(0, own.awaitExit());
    }
  }

  @Test
  void helpListsTheOptionsAndExitsWithZero() throws Exception {
    try (ServerProcess help = ServerProcess.start("--help")) {
      assertEquals(ServerOptions.usage(), help.remainingOutput());
      assertEquals(0, help.awaitExit());
    }
  }

  @Test
  void aBadOptionPrintsTheErrorAndTheUsageAndExitsWithTwo() throws Exception {
    try (ServerProcess bad = ServerProcess.start("--rate-limit", "fast")) {
      assertEquals("", bad.remainingOutput());
      assertEquals(2, bad.awaitExit());
      assertEquals(
          "error: --rate-limit must be a positive number of requests per minute or second, such as"
              + " 50/min or 20/s, was \"fast\"\n\n"
              + ServerOptions.usage(),
          bad.stderr());
    }
  }
}
