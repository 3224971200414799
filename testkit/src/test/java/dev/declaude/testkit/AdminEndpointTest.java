package dev.declaude.testkit;

import static dev.declaude.testkit.AuthAndVersionTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminEndpointTest {
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  private static final String BODY = RawClient.json(RawClient.request("Hi"));
  private static final String OK = "{\"status\":\"ok\"}";

  private final FakeClock clock = FakeClock.at(START);
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(clock).build().start();
  private final RawClient client = new RawClient(sim);

  @AfterEach
  void close() {
    sim.close();
  }

  /** Posts to the admin endpoint without a key, as a script would. */
  private RawClient.Answer admin(String path, String body) throws IOException {
    return client.post(path, body, Map.of());
  }

  private static void assertAdminError(RawClient.Answer answer, String message) {
    assertEquals(400, answer.status(), answer.body());
    assertEquals("invalid_request_error", answer.errorType());
    assertEquals(message, answer.errorMessage());
  }

  @Test
  void faultsPostedWithoutAKeyAnswerTheNextRequestsInOrder() throws IOException {
    RawClient.Answer posted =
        admin(
            "/_simulator/faults",
            "[{\"status\":429,\"retryAfter\":\"2\"},{\"kind\":\"overloaded\"}]");

    assertEquals(200, posted.status());
    assertEquals(OK, posted.body());
    RawClient.Answer limited = client.messages(BODY);
    assertError(limited, 429, "rate_limit_error", "Rate limited");
    assertEquals("2", limited.header("retry-after"));
    assertError(client.messages(BODY), 529, "overloaded_error", "Overloaded");
    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void aStatusFaultTakesEveryModifier() throws IOException {
    admin(
        "/_simulator/faults",
        "[{\"status\":503,\"body\":\"HTML\",\"shouldRetry\":false,\"headers\":{\"via\":\"proxy\"}},"
            + "{\"status\":429,\"retryAfterMs\":300,\"retryAfterDate\":\"2026-11-24T10:00:30Z\"},"
            + "{\"status\":429,\"errorType\":\"rate_limit_error\",\"errorCode\":\"ramp_limit_exceeded\","
            + "\"message\":\"Slow down\",\"requestId\":false}]");

    RawClient.Answer html = client.messages(BODY);
    assertEquals(503, html.status());
    assertEquals("text/html", html.header("content-type"));
    assertEquals("false", html.header("x-should-retry"));
    assertEquals("proxy", html.header("via"));
    RawClient.Answer dated = client.messages(BODY);
    assertEquals("300", dated.header("retry-after-ms"));
    assertEquals("Tue, 24 Nov 2026 10:00:30 GMT", dated.header("retry-after"));
    RawClient.Answer custom = client.messages(BODY);
    assertEquals(
        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Slow down\","
            + "\"details\":{\"error_code\":\"ramp_limit_exceeded\"}}}",
        custom.body());
  }

  @Test
  void theNamedFaultKindsMatchTheirJavaFactories() throws IOException {
    sim.enqueueReply("A reply long enough that half of it is still a real part of the body.");
    admin(
        "/_simulator/faults",
        "[{\"kind\":\"spend-limit\"},{\"kind\":\"ramp-limit\",\"retryAfterSeconds\":5},"
            + "{\"kind\":\"drop-connection\"},{\"kind\":\"drop-during-body\"},{\"kind\":\"delay\",\"delayMs\":1},"
            + "{\"kind\":\"stream-error\",\"afterDeltas\":1,\"errorType\":\"api_error\"}]");

    RawClient.Answer spend = client.messages(BODY);
    assertEquals(
        "enforced_spend_limit_reached",
        spend.json().path("error").path("details").path("error_code").asText());
    RawClient.Answer ramp = client.messages(BODY);
    assertEquals(
        "ramp_limit_exceeded",
        ramp.json().path("error").path("details").path("error_code").asText());
    assertEquals("5", ramp.header("retry-after"));
    assertThrows(IOException.class, () -> client.messages(BODY));
    assertThrows(IOException.class, () -> client.messages(BODY));
    assertEquals(200, client.messages(BODY).status());
    List<StreamingTest.Event> events = StreamingTest.parse(client.messages(BODY).body());
    assertEquals(
        "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}",
        events.get(events.size() - 1).data().toString());
  }

  @Test
  void repliesAreQueuedInOrder() throws IOException {
    assertEquals(
        OK, admin("/_simulator/replies", "[{\"text\":\"Paris.\"},{\"text\":\"Rome.\"}]").body());

    assertEquals(
        "Paris.", client.messages(BODY).json().path("content").get(0).path("text").asText());
    assertEquals(
        "Rome.", client.messages(BODY).json().path("content").get(0).path("text").asText());
  }

  @Test
  void anOutageLastsItsDurationOnTheSimulatorsClock() throws IOException {
    admin("/_simulator/outage", "{\"durationMs\":30000,\"fault\":{\"status\":503}}");

    assertEquals(503, client.messages(BODY).status());
    clock.advance(Duration.ofSeconds(30));
    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void aFaultRateAndResetWork() throws IOException {
    admin("/_simulator/fault-rates", "{\"probability\":1.0,\"fault\":{\"status\":500}}");
    assertEquals(500, client.messages(BODY).status());

    assertEquals(OK, admin("/_simulator/reset", "").body());

    assertEquals(200, client.messages(BODY).status());
  }

  @Test
  void theRecordedRequestsAreRedactedAndAdminCallsAreNotAmongThem() throws IOException {
    client.messages(BODY);
    admin("/_simulator/replies", "{\"text\":\"x\"}");

    JsonNode requests = client.get("/_simulator/requests").json();

    assertEquals(1, requests.path("count").asInt());
    JsonNode first = requests.path("requests").get(0);
    assertEquals("POST", first.path("method").asText());
    assertEquals("/v1/messages", first.path("path").asText());
    assertEquals("[\"<redacted>\"]", first.path("headers").path("x-api-key").toString());
    assertEquals(BODY, first.path("body").asText());
    assertEquals(true, first.path("presentedValidKey").asBoolean());
    assertEquals("{\"count\":1}", client.get("/_simulator/requests/count").body());
  }

  @Test
  void theTimelineListsArrivalsAndStatuses() throws IOException {
    client.messages(BODY);
    clock.advance(Duration.ofMillis(250));
    sim.enqueue(Fault.status(429));
    client.messages(BODY);

    assertEquals(
        "{\"entries\":[{\"at\":\"2026-11-24T10:00:00Z\",\"status\":200},"
            + "{\"at\":\"2026-11-24T10:00:00.250Z\",\"status\":429}]}",
        client.get("/_simulator/timeline").body());
  }

  @Test
  void healthAnswersOk() throws IOException {
    assertEquals(OK, client.get("/_simulator/health").body());
  }

  @Test
  void anUnknownRouteIsRefusedListingTheRoutes() throws IOException {
    assertAdminError(
        client.get("/_simulator/nope"),
        "unknown admin route GET /_simulator/nope; the routes are:"
            + " GET /_simulator/health, POST /_simulator/faults, POST /_simulator/replies, POST /_simulator/outage,"
            + " POST /_simulator/fault-rates, POST /_simulator/reset, GET /_simulator/requests,"
            + " GET /_simulator/requests/count, GET /_simulator/timeline");
  }

  @Test
  void theWrongMethodIsRefusedNamingTheRightOne() throws IOException {
    assertAdminError(client.get("/_simulator/faults"), "use POST for /_simulator/faults, not GET");
  }

  @Test
  void badBodiesAreRefusedSayingWhatWasWrong() throws IOException {
    assertAdminError(
        admin("/_simulator/faults", "{\"status\": }"),
        "the body is not valid JSON: Unexpected character ('}' (code 125)): expected a valid value (JSON String,"
            + " Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 12)");
    assertAdminError(
        admin("/_simulator/faults", ""),
        "POST /_simulator/faults needs a body: a fault object or an array of them");
    assertAdminError(
        admin("/_simulator/faults", "{\"status\":200}"),
        "the fault: a fault status must be in 400..599, was 200");
    assertAdminError(
        admin("/_simulator/faults", "[{\"status\":429},{\"kind\":\"meltdown\"}]"),
        "fault 2: unknown kind \"meltdown\"; use one of status, overloaded, spend-limit, ramp-limit,"
            + " drop-connection, drop-during-body, stream-error, delay");
    assertAdminError(
        admin("/_simulator/faults", "{\"status\":529,\"retryafter\":\"2\"}"),
        "the fault: unknown field \"retryafter\" for kind status; known fields: body, errorCode, errorType,"
            + " headers, kind, message, requestId, retryAfter, retryAfterDate, retryAfterMs, shouldRetry, status");
    assertAdminError(
        admin("/_simulator/faults", "{\"status\":\"529\"}"),
        "the fault: \"status\" must be an integer, was \"529\"");
    assertAdminError(
        admin("/_simulator/outage", "{\"fault\":{\"status\":503}}"),
        "the outage needs \"durationMs\"");
    assertAdminError(
        admin("/_simulator/fault-rates", "{\"probability\":2,\"fault\":{\"status\":500}}"),
        "the fault rate: probability must be in [0, 1], was 2.0");
    // Nothing was queued by the refused bodies, not even the valid first fault of the array.
    assertEquals(200, client.messages(BODY).status());
  }
}
