package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClaudeSimulatorExtension.class)
class AuthAndVersionTest {
  private final ClaudeSimulator sim;
  private final RawClient client;
  private final String body = RawClient.json(RawClient.request("Hello"));

  AuthAndVersionTest(ClaudeSimulator sim) {
    this.sim = sim;
    this.client = new RawClient(sim);
  }

  @Test
  void aRequestWithoutAnyKeyIsRefusedAsMissingKey() throws IOException {
    RawClient.Answer answer =
        client.post("/v1/messages", body, Map.of("anthropic-version", "2023-06-01"));

    assertError(answer, 401, "authentication_error", "x-api-key header is required");
  }

  @Test
  void aWrongKeyIsRefusedAsInvalid() throws IOException {
    RawClient.Answer answer =
        client.post(
            "/v1/messages",
            body,
            Map.of("x-api-key", "sk-ant-wrong", "anthropic-version", "2023-06-01"));

    assertError(answer, 401, "authentication_error", "invalid x-api-key");
  }

  @Test
  void aWrongBearerTokenIsRefusedAsInvalid() throws IOException {
    RawClient.Answer answer =
        client.post(
            "/v1/messages",
            body,
            Map.of("authorization", "Bearer sk-ant-wrong", "anthropic-version", "2023-06-01"));

    assertError(answer, 401, "authentication_error", "invalid x-api-key");
  }

  @Test
  void theKeyIsAcceptedAsABearerToken() throws IOException {
    RawClient.Answer answer =
        client.post(
            "/v1/messages",
            body,
            Map.of("authorization", "Bearer " + sim.apiKey(), "anthropic-version", "2026-10-21"));

    assertEquals(200, answer.status());
  }

  @Test
  void theKeyIsAcceptedInXApiKey() throws IOException {
    assertEquals(200, client.messages(body).status());
  }

  @Test
  void aMissingVersionIsRefused() throws IOException {
    RawClient.Answer answer = client.post("/v1/messages", body, Map.of("x-api-key", sim.apiKey()));

    assertError(answer, 400, "invalid_request_error", "anthropic-version: header is required");
  }

  @Test
  void anUnknownVersionIsRefusedNamingIt() throws IOException {
    RawClient.Answer answer =
        client.post(
            "/v1/messages",
            body,
            Map.of("x-api-key", sim.apiKey(), "anthropic-version", "2024-01-01"));

    assertError(
        answer,
        400,
        "invalid_request_error",
        "anthropic-version: \"2024-01-01\" is not a valid version");
  }

  @Test
  void aRepeatedVersionHeaderIsSeenJoinedAndRefused() throws IOException {
    RawClient.Answer answer =
        client.post(
            "/v1/messages",
            body,
            Map.of("x-api-key", sim.apiKey(), "anthropic-version", "2023-06-01, 2023-06-01"));

    assertError(
        answer,
        400,
        "invalid_request_error",
        "anthropic-version: \"2023-06-01, 2023-06-01\" is not a valid version");
  }

  @Test
  void anUnknownPathIsNotFound() throws IOException {
    RawClient.Answer answer = client.post("/v1/complete", body);

    assertError(answer, 404, "not_found_error", "The requested resource could not be found.");
  }

  @Test
  void recordedHeadersNeverHoldTheKey() throws IOException {
    client.post(
        "/v1/messages",
        body,
        Map.of("authorization", "Bearer " + sim.apiKey(), "anthropic-version", "2023-06-01"));
    client.messages(body);

    ReceivedRequest bearer = sim.requests().get(0);
    ReceivedRequest header = sim.requests().get(1);
    assertEquals(
        "Bearer " + ReceivedRequest.REDACTED, bearer.header("Authorization").orElseThrow());
    assertEquals(ReceivedRequest.REDACTED, header.header("X-API-KEY").orElseThrow());
    assertTrue(bearer.presentedValidKey() && header.presentedValidKey());
    assertTrue(
        !sim.requests().toString().contains(sim.apiKey())
            && !sim.toString().contains(sim.apiKey()));
  }

  static void assertError(RawClient.Answer answer, int status, String type, String message) {
    assertEquals(status, answer.status(), answer.body());
    assertEquals("error", answer.json().path("type").asText());
    assertEquals(type, answer.errorType());
    assertEquals(message, answer.errorMessage());
    String requestId = answer.json().path("request_id").asText();
    assertTrue(requestId.matches("req_[0-9A-Za-z]{24}"), requestId);
    assertEquals(requestId, answer.header("request-id"));
  }
}
