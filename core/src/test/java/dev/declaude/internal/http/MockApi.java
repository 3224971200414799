package dev.declaude.internal.http;

import dev.declaude.ClaudeClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** A MockWebServer on loopback with a client pointed at it; for tests of the transport. */
final class MockApi implements AutoCloseable {
  static final String KEY = "sk-ant-test-SECRET-0123456789abcdef";

  final MockWebServer server = new MockWebServer();
  final ClaudeClient client;

  MockApi() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = ClaudeClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).build();
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("content-type", "application/json")
        .setBody(body);
  }

  static String error(String type, String message, String requestId) {
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":\""
        + message
        + "\"},"
        + "\"request_id\":\""
        + requestId
        + "\"}";
  }

  static final String OK_BODY =
      "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"},{\"type\":\"text\",\"text\":\" there\"}],"
          + "\"model\":\"claude-sonnet-4-6\",\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":12,\"output_tokens\":3},\"some_future_field\":{\"x\":1}}";

  @Override
  public void close() throws IOException {
    client.close();
    server.shutdown();
  }
}
