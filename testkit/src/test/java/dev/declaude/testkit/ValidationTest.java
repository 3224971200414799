package dev.declaude.testkit;

import static dev.declaude.testkit.AuthAndVersionTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ValidationTest {
  @RegisterExtension static final ClaudeSimulatorExtension SIM = new ClaudeSimulatorExtension();

  private RawClient client() {
    return new RawClient(SIM.simulator());
  }

  private void assertInvalid(ObjectNode body, String message) throws IOException {
    assertError(client().messages(RawClient.json(body)), 400, "invalid_request_error", message);
  }

  @Test
  void aMissingModelIsAFieldRequiredError() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.remove("model");
    assertInvalid(body, "model: Field required");
  }

  @Test
  void missingMessagesIsAFieldRequiredError() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.remove("messages");
    assertInvalid(body, "messages: Field required");
  }

  @Test
  void aMissingMaxTokensIsAFieldRequiredError() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.remove("max_tokens");
    assertInvalid(body, "max_tokens: Field required");
  }

  @Test
  void anEmptyMessageListNeedsAtLeastOneMessage() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.putArray("messages");
    assertInvalid(body, "messages: at least one message is required");
  }

  @Test
  void whitespaceOnlyTextIsRefused() throws IOException {
    assertInvalid(
        RawClient.request(" \n\t "),
        "messages: text content blocks must contain non-whitespace text");
  }

  @Test
  void aWhitespaceOnlyTextBlockIsRefused() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    ArrayNode content = ((ObjectNode) body.get("messages").get(0)).putArray("content");
    content.addObject().put("type", "text").put("text", "   ");
    assertInvalid(body, "messages: text content blocks must contain non-whitespace text");
  }

  @Test
  void aMessageWithEmptyContentIsRefusedByIndex() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    ArrayNode messages = (ArrayNode) body.get("messages");
    messages.addObject().put("role", "assistant").put("content", "Hello");
    messages.addObject().put("role", "user").putArray("content");
    assertInvalid(
        body,
        "messages.2: all messages must have non-empty content except for the optional final"
            + " assistant message");
  }

  @Test
  void anEmptyFinalAssistantMessageIsAllowed() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    ((ArrayNode) body.get("messages")).addObject().put("role", "assistant").put("content", "");
    assertEquals(200, client().messages(RawClient.json(body)).status());
  }

  @Test
  void anUnknownTopLevelFieldIsNotPermitted() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.put("frequency_penalty", 0.5);
    assertInvalid(body, "frequency_penalty: Extra inputs are not permitted");
  }

  @Test
  void maxTokensAboveTheModelsOutputLimitNamesBothNumbersAndTheModel() throws IOException {
    assertInvalid(
        RawClient.request("claude-haiku-4-5", 64_001, "Hi"),
        "max_tokens: 64001 > 64000, which is the"
            + " maximum allowed number of output tokens for claude-haiku-4-5-20251001");
  }

  @Test
  void anUnknownModelIsNotFound() throws IOException {
    RawClient.Answer answer =
        client().messages(RawClient.json(RawClient.request("claude-nope", 10, "Hi")));
    assertError(answer, 404, "not_found_error", "model: claude-nope");
  }

  @Test
  void aRetiredModelIsNotFound() throws IOException {
    // Claude 3 Haiku retired on 2026-04-20; the clock says when "now" is.
    try (ClaudeSimulator sim =
        ClaudeSimulator.builder()
            .clock(FakeClock.at(Instant.parse("2026-04-20T00:00:00Z")))
            .build()
            .start()) {
      RawClient.Answer answer =
          new RawClient(sim)
              .messages(RawClient.json(RawClient.request("claude-3-haiku-20240307", 10, "Hi")));
      assertError(answer, 404, "not_found_error", "model: claude-3-haiku-20240307");
    }
  }

  @Test
  void prefillIsRefusedOnModelsThatDoNotSupportIt() throws IOException {
    ObjectNode body = RawClient.request("claude-sonnet-4-6", 100, "Hi");
    ((ArrayNode) body.get("messages")).addObject().put("role", "assistant").put("content", "{");
    assertInvalid(
        body,
        "This model does not support assistant message prefill. The conversation must end with"
            + " a user message.");
  }

  @Test
  void prefillIsAcceptedOnModelsThatSupportIt() throws IOException {
    ObjectNode body = RawClient.request("claude-haiku-4-5", 100, "Hi");
    ((ArrayNode) body.get("messages")).addObject().put("role", "assistant").put("content", "{");
    assertEquals(200, client().messages(RawClient.json(body)).status());
  }

  @Test
  void temperatureAboveOneIsRefused() throws IOException {
    assertInvalid(
        RawClient.request("Hi").put("temperature", 1.5),
        "temperature: Input should be less than or" + " equal to 1");
  }

  @Test
  void negativeTemperatureIsRefused() throws IOException {
    assertInvalid(
        RawClient.request("Hi").put("temperature", -0.1),
        "temperature: Input should be greater than or" + " equal to 0");
  }

  @Test
  void aNonDefaultTemperatureIsRefusedOnDefaultOnlyModels() throws IOException {
    assertInvalid(
        RawClient.request("claude-opus-4-7", 100, "Hi").put("temperature", 0.5),
        "`temperature` is deprecated for this model.");
  }

  @Test
  void theDefaultTemperatureIsAcceptedOnDefaultOnlyModels() throws IOException {
    ObjectNode body = RawClient.request("claude-opus-4-7", 100, "Hi").put("temperature", 1.0);
    assertEquals(200, client().messages(RawClient.json(body)).status());
  }

  @Test
  void aWhitespaceStopSequenceIsRefused() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.putArray("stop_sequences").add("END").add("  ");
    assertInvalid(body, "stop_sequences: each stop sequence must contain non-whitespace");
  }

  @Test
  void anEmptyStopSequenceIsRefused() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.putArray("stop_sequences").add("");
    assertInvalid(body, "stop_sequences: each stop sequence must be non-empty");
  }

  @Test
  void aRoleOtherThanUserOrAssistantIsRefused() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    ((ObjectNode) body.get("messages").get(0)).put("role", "tool");
    assertInvalid(body, "messages.0.role: Input should be 'user' or 'assistant'");
  }

  @Test
  void aSystemRoleMessagePointsToTheSystemParameter() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    ((ObjectNode) body.get("messages").get(0)).put("role", "system");
    assertInvalid(
        body,
        "messages: Unexpected role \"system\". The Messages API accepts a top-level `system`"
            + " parameter, not \"system\" as an input message role.");
  }

  @Test
  void aPromptOverTheContextWindowIsTooLong() throws IOException {
    // 200,001 tokens of text plus 3 for the message: 200,004 > Haiku 4.5's 200,000.
    ObjectNode body = RawClient.request("claude-haiku-4-5", 100, "abcd".repeat(200_001));
    assertInvalid(body, "prompt is too long: 200004 tokens > 200000 maximum");
  }

  @Test
  void inputPlusMaxTokensOverTheWindowIsRefusedBeforeClaude45() throws IOException {
    try (ClaudeSimulator sim =
        ClaudeSimulator.builder()
            .clock(FakeClock.at(Instant.parse("2025-06-01T00:00:00Z")))
            .build()
            .start()) {
      ObjectNode body = RawClient.request("claude-sonnet-4-20250514", 8192, "abcd".repeat(199_000));
      assertError(
          new RawClient(sim).messages(RawClient.json(body)),
          400,
          "invalid_request_error",
          "input length and `max_tokens` exceed context limit: 199003 + 8192 > 200000, decrease input length or"
              + " `max_tokens` and try again");
    }
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() throws IOException {
    assertError(
        client().messages("{\"model\": "),
        400,
        "invalid_request_error",
        "The request body is not valid JSON");
  }

  @Test
  void aLongMetadataUserIdIsRefused() throws IOException {
    ObjectNode body = RawClient.request("Hi");
    body.putObject("metadata").put("user_id", "u".repeat(257));
    assertInvalid(body, "metadata.user_id: String should have at most 256 characters");
  }

  @Test
  void countTokensDoesNotTakeMaxTokens() throws IOException {
    RawClient.Answer answer =
        client().post("/v1/messages/count_tokens", RawClient.json(RawClient.request("Hi")));
    assertError(answer, 400, "invalid_request_error", "max_tokens: Extra inputs are not permitted");
  }
}
