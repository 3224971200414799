package dev.declaude.testkit;

import static dev.declaude.testkit.AuthAndVersionTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(ClaudeSimulatorExtension.class)
class FaultTest {
  private static final String BODY = RawClient.json(RawClient.request("Hi"));

  private final ClaudeSimulator sim;
  private final RawClient client;

  FaultTest(ClaudeSimulator sim) {
    this.sim = sim;
    this.client = new RawClient(sim);
  }

  @ParameterizedTest
  @CsvSource({
    "400, invalid_request_error, Invalid request",
    "401, authentication_error, Authentication error",
    "402, billing_error, Billing error",
    "403, permission_error, Permission denied",
    "404, not_found_error, Not found",
    "409, conflict_error, Conflict",
    "429, rate_limit_error, Rate limited",
    "500, api_error, Internal server error",
    "502, api_error, Internal server error",
    "503, api_error, Internal server error",
    "504, timeout_error, Request timeout",
    "529, overloaded_error, Overloaded"
  })
  void eachStatusGetsItsDocumentedTypeAndDefaultMessage(int status, String type, String message)
      throws IOException {
    sim.enqueue(Fault.status(status));

    assertError(client.messages(BODY), status, type, message);
  }

  @Test
  void a413HasTheEdgeShapeWithoutRequestId() throws IOException {
    sim.enqueue(Fault.status(413));

    RawClient.Answer answer = client.messages(BODY);

    assertEquals(413, answer.status());
    assertEquals(
        "{\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum size\"}}",
        answer.body());
    assertNull(answer.header("request-id"));
  }

  @Test
  void faultsApplyToTheNextRequestsInOrderThenNormalServiceResumes() throws IOException {
    sim.enqueue(Fault.status(529), Fault.status(500));

    assertEquals(529, client.messages(BODY).status());
    assertEquals(500, client.messages(BODY).status());
    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void retryHeadersAreSentAsScripted() throws IOException {
    ZonedDateTime date = ZonedDateTime.of(2026, 11, 24, 10, 0, 30, 0, ZoneOffset.UTC);
    sim.enqueue(
        Fault.status(429).retryAfter("2"),
        Fault.status(529).retryAfter("1.5").retryAfterMs("300"),
        Fault.status(503).retryAfterDate(date).shouldRetry(false));

    assertEquals("2", client.messages(BODY).header("retry-after"));
    RawClient.Answer second = client.messages(BODY);
    assertEquals("1.5", second.header("retry-after"));
    assertEquals("300", second.header("retry-after-ms"));
    RawClient.Answer third = client.messages(BODY);
    assertEquals("Tue, 24 Nov 2026 10:00:30 GMT", third.header("retry-after"));
    assertEquals("false", third.header("x-should-retry"));
  }

  @Test
  void aScripted429ShowsNoRequestsRemaining() throws IOException {
    sim.enqueue(Fault.status(429).retryAfter("2"));

    assertEquals("0", client.messages(BODY).header("anthropic-ratelimit-requests-remaining"));
  }

  @Test
  void typeCodeMessageAndRequestIdCanBeOverridden() throws IOException {
    sim.enqueue(
        Fault.status(429)
            .errorType("rate_limit_error")
            .errorCode("ramp_limit_exceeded")
            .message("Slow down")
            .withoutRequestId());

    RawClient.Answer answer = client.messages(BODY);

    assertEquals("Slow down", answer.errorMessage());
    assertEquals(
        "ramp_limit_exceeded",
        answer.json().path("error").path("details").path("error_code").asText());
    assertFalse(answer.json().has("request_id"));
    assertNull(answer.header("request-id"));
  }

  @Test
  void theSpendLimitHasItsCodeAndMessageAndNoRetryAfter() throws IOException {
    try (ClaudeSimulator limited =
        ClaudeSimulator.builder()
            .clock(FakeClock.at(Instant.parse("2026-08-17T12:00:00Z")))
            .build()
            .start()) {
      limited.enqueue(Fault.spendLimit());

      RawClient.Answer answer = new RawClient(limited).messages(BODY);

      assertError(
          answer,
          429,
          "rate_limit_error",
          "You have reached your API usage limits: your organization has"
              + " crossed its monthly API usage threshold, set based on your organization's API tier. You will regain"
              + " access on 2026-09-01 at 00:00 UTC.");
      assertEquals(
          "enforced_spend_limit_reached",
          answer.json().path("error").path("details").path("error_code").asText());
      assertNull(answer.header("retry-after"));
    }
  }

  @Test
  void theRampLimitHasItsCodeAndMessageAndAWholeSecondRetryAfter() throws IOException {
    sim.enqueue(Fault.rampLimit(Duration.ofMillis(2500)));

    RawClient.Answer answer = client.messages(BODY);

    assertError(
        answer,
        429,
        "rate_limit_error",
        "This request would exceed your organization's ramp limit, which"
            + " caps how fast usage can grow. Please increase traffic gradually and try again after the time given in"
            + " the retry-after header.");
    assertEquals(
        "ramp_limit_exceeded",
        answer.json().path("error").path("details").path("error_code").asText());
    assertEquals("3", answer.header("retry-after"));
  }

  @Test
  void aRampLimitNeedsAPositiveRetryAfter() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Fault.rampLimit(Duration.ZERO));
    assertEquals("retryAfter must be positive, was PT0S", e.getMessage());
  }

  @Test
  void anHtmlBodyIsAnHtmlPage() throws IOException {
    sim.enqueue(Fault.status(502).withBody(BodyShape.HTML));

    RawClient.Answer answer = client.messages(BODY);

    assertEquals(502, answer.status());
    assertEquals("text/html", answer.header("content-type"));
    assertTrue(answer.body().contains("<title>502 Bad Gateway</title>"), answer.body());
  }

  @Test
  void anEmptyBodyIsEmpty() throws IOException {
    sim.enqueue(Fault.status(503).withBody(BodyShape.EMPTY));

    RawClient.Answer answer = client.messages(BODY);

    assertEquals(503, answer.status());
    assertEquals("", answer.body());
  }

  @Test
  void aTruncatedJsonBodyDoesNotParse() throws IOException {
    sim.enqueue(Fault.status(500).withBody(BodyShape.TRUNCATED_JSON));

    RawClient.Answer answer = client.messages(BODY);

    assertEquals(500, answer.status());
    assertTrue(answer.body().startsWith("{\"type\":\"error\""), answer.body());
    assertThrows(Exception.class, answer::json);
  }

  @Test
  void aPlainTextBodyIsOneLineOfText() throws IOException {
    sim.enqueue(Fault.status(504).withBody(BodyShape.PLAIN_TEXT));

    RawClient.Answer answer = client.messages(BODY);

    assertEquals(504, answer.status());
    assertEquals("error code: 504", answer.body());
    assertTrue(answer.header("content-type").startsWith("text/plain"));
  }

  @Test
  void aDroppedConnectionSurfacesAsIOExceptionAndTheNextRequestSucceeds() throws IOException {
    sim.enqueue(Fault.dropConnection());

    assertThrows(IOException.class, () -> client.messages(BODY));
    assertEquals(200, client.messages(BODY).status());
    assertEquals(2, sim.requestCount());
  }

  @Test
  void aConnectionDroppedDuringTheBodySurfacesAsIOException() {
    sim.enqueueReply("A reply long enough that half of it is still a real part of the body.");
    sim.enqueue(Fault.dropDuringBody());

    assertThrows(IOException.class, () -> client.messages(BODY));
  }

  @Test
  void aStreamErrorArrivesAfterTheScriptedDeltasWithStatus200() throws IOException {
    sim.enqueue(Fault.streamErrorAfter(2, "overloaded_error"));

    RawClient.Answer answer =
        client.messages(RawClient.json(RawClient.request("Hi").put("stream", true)));

    assertEquals(200, answer.status());
    List<String> names = new ArrayList<>();
    List<StreamingTest.Event> events = StreamingTest.parse(answer.body());
    events.forEach(e -> names.add(e.name()));
    assertEquals(
        List.of(
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "error"),
        names);
    JsonNode error = events.get(events.size() - 1).data();
    assertEquals(
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        error.toString());
  }

  @Test
  void aDelayedAnswerIsOtherwiseNormal() throws IOException {
    sim.enqueue(Fault.delay(Duration.ofMillis(5)));

    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void anOutageLastsUntilTheClockPassesItsEnd() throws IOException {
    FakeClock clock = FakeClock.at(Instant.parse("2026-11-24T10:00:00Z"));
    try (ClaudeSimulator down = ClaudeSimulator.builder().clock(clock).build().start()) {
      RawClient raw = new RawClient(down);
      down.outage(Duration.ofSeconds(30), Fault.status(503));

      assertEquals(503, raw.messages(BODY).status());
      clock.advance(Duration.ofSeconds(29));
      assertEquals(503, raw.messages(BODY).status());
      clock.advance(Duration.ofSeconds(1));
      assertEquals(200, raw.messages(BODY).status());
    }
  }

  @Test
  void faultRatesWithTheSameSeedGiveTheSameSequence() throws IOException {
    assertEquals(statuses(42), statuses(42));
    List<Integer> run = statuses(42);
    assertTrue(run.contains(529) && run.contains(200), run.toString());
  }

  @Test
  void resetRestartsTheFaultSequenceFromTheSeed() throws IOException {
    sim.faultRate(0.5, Fault.status(529));
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(client.messages(BODY).status());
    }
    sim.reset().faultRate(0.5, Fault.status(529));
    List<Integer> second = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      second.add(client.messages(BODY).status());
    }
    assertEquals(first, second);
  }

  @Test
  void faultRatesSetOnTheBuilderSurviveAReset() throws IOException {
    try (ClaudeSimulator configured =
        ClaudeSimulator.builder().faultRate(1.0, Fault.status(503)).build().start()) {
      RawClient raw = new RawClient(configured);
      configured.faultRate(0, Fault.status(500));

      configured.reset();

      assertEquals(503, raw.messages(BODY).status());
    }
  }

  @Test
  void theBuilderRefusesFaultRatesAddingUpToMoreThanOne() {
    ClaudeSimulatorBuilder builder = ClaudeSimulator.builder().faultRate(0.7, Fault.overloaded());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> builder.faultRate(0.4, Fault.status(500)));

    assertEquals("fault rates add up to 1.1, more than 1", e.getMessage());
  }

  private static List<Integer> statuses(long seed) throws IOException {
    try (ClaudeSimulator random = ClaudeSimulator.builder().seed(seed).build().start()) {
      random.faultRate(0.20, Fault.status(529)).faultRate(0.05, Fault.status(500));
      RawClient raw = new RawClient(random);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        statuses.add(raw.messages(BODY).status());
      }
      return statuses;
    }
  }
}
