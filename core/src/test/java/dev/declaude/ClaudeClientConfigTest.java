package dev.declaude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.wire.Message;
import dev.declaude.wire.MessageRequest;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** Bad configuration fails before any network I/O, with a message that says what to do. */
class ClaudeClientConfigTest {
  private static final String KEY = "sk-ant-api03-SECRETSECRET";

  @Test
  void buildingWithoutAKeyFailsAndSaysHowToSetOne() {
    var e = assertThrows(IllegalStateException.class, () -> ClaudeClient.builder().build());
    assertEquals(
        "no API key: call apiKey(...), or use ClaudeClient.fromEnv() with ANTHROPIC_API_KEY set",
        e.getMessage());
  }

  @Test
  void aBlankKeyIsRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> ClaudeClient.builder().apiKey("  "));
    assertEquals(
        "no API key: set ANTHROPIC_API_KEY (or -Danthropic.apiKey) or call ClaudeClient.builder().apiKey(...)",
        e.getMessage());
  }

  @Test
  void aKeyWithANewlineIsRejectedWithoutQuotingIt() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ClaudeClient.builder().apiKey(KEY + "\n"));
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    assertTrue(e.getMessage().contains("position 25"), e.getMessage());
  }

  @Test
  void aBaseUrlThatIsNotHttpIsRejected() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClaudeClient.builder().baseUrl("ftp://example.com"));
    assertEquals(
        "baseUrl must be an http or https URL, such as https://api.anthropic.com; was \"ftp://example.com\"",
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ClaudeClient.builder().baseUrl("api.anthropic.com"));
  }

  @Test
  void aRequestWithoutMaxTokensOrMessagesIsRejectedBeforeSending() {
    var noMax =
        assertThrows(
            IllegalStateException.class,
            () -> MessageRequest.builder().addUserMessage("hi").build());
    assertEquals(
        "maxTokens is required: the API rejects a request without max_tokens", noMax.getMessage());
    var none =
        assertThrows(
            IllegalStateException.class, () -> MessageRequest.builder().maxTokens(5).build());
    assertEquals(
        "at least one message is required: add one with addUserMessage(...)", none.getMessage());

    try (ClaudeClient client =
        ClaudeClient.builder().apiKey(KEY).baseUrl("http://127.0.0.1:9").build()) {
      var raw =
          new MessageRequest(
              null,
              null,
              null,
              List.of(Message.user("hi")),
              null,
              null,
              null,
              null,
              null,
              null,
              null);
      assertThrows(IllegalArgumentException.class, () -> client.send(raw));
      var empty =
          new MessageRequest(null, 5, null, List.of(), null, null, null, null, null, null, null);
      assertThrows(IllegalArgumentException.class, () -> client.send(empty));
    }
  }

  @Test
  void fromEnvReadsTheVariablesAndSystemPropertiesWin() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody("{\"input_tokens\":1}"));
      Properties system = new Properties();
      system.setProperty("anthropic.apiKey", "sk-from-property");
      Map<String, String> env =
          Map.of(
              "ANTHROPIC_API_KEY", "sk-from-env", "ANTHROPIC_BASE_URL", server.url("/").toString());

      try (ClaudeClient client = ClaudeClient.fromEnv(env, system)) {
        client.countTokens(MessageRequest.builder().maxTokens(1).addUserMessage("x").build());
      }

      assertEquals("sk-from-property", server.takeRequest().getHeader("x-api-key"));
    }
  }

  @Test
  void fromEnvWithoutAKeySaysWhichVariableToSet() {
    var e =
        assertThrows(
            IllegalStateException.class, () -> ClaudeClient.fromEnv(Map.of(), new Properties()));
    assertEquals(
        "no API key: set the ANTHROPIC_API_KEY environment variable or the anthropic.apiKey system property",
        e.getMessage());
  }

  @Test
  void theKeyIsInNoToString() {
    try (ClaudeClient client = ClaudeClient.builder().apiKey(KEY).build()) {
      assertEquals(
          "ClaudeClient[baseUrl=https://api.anthropic.com, model=claude-sonnet-4-6]",
          client.toString());
      assertFalse(client.transport().toString().contains("SECRET"));
    }
  }
}
