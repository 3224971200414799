package dev.declaude;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.error.ClaudeException;
import dev.declaude.wire.MessageRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The key appears in no exception message, no stack trace text and no log line, on any path. */
// Reads the process's standard error, where every test logs: no other test class runs meanwhile.
@Isolated
class SecretsTest {
  private static final String KEY = "sk-ant-api03-VERYSECRETVALUE";

  @Test
  void noFailurePathShowsTheKey() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringBuilder messages = new StringBuilder();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(
          new MockResponse()
              .setResponseCode(401)
              .setBody(
                  "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
      server.enqueue(new MockResponse().setResponseCode(500).setBody("<html>oops</html>"));
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
      server.enqueue(new MockResponse().setBody("garbage"));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (ClaudeClient client =
          ClaudeClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build()) {
        MessageRequest request = MessageRequest.builder().maxTokens(5).addUserMessage("hi").build();
        for (int i = 0; i < 4; i++) {
          ClaudeException e = assertThrows(ClaudeException.class, () -> client.send(request));
          messages.append(e).append('\n');
          java.io.StringWriter trace = new java.io.StringWriter();
          e.printStackTrace(new java.io.PrintWriter(trace));
          messages.append(trace);
        }
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("POST /v1/messages -> 401"), "debug logging was captured: " + logs);
    assertFalse(logs.contains("VERYSECRET"), logs);
    assertFalse(messages.toString().contains("VERYSECRET"), messages.toString());
  }
}
