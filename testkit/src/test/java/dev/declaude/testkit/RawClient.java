package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.declaude.internal.http.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A plain OkHttp client for raw tests: no retries of its own (nor OkHttp's: one-shot bodies), so
 * every request reaches the simulator once.
 */
final class RawClient {
  static final String MODEL = "claude-sonnet-4-6";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final OkHttpClient HTTP =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

  private final ClaudeSimulator sim;
  private final OkHttpClient http;

  RawClient(ClaudeSimulator sim) {
    this(sim, HTTP);
  }

  /** A client with its own connection pool, so that its requests reuse its own connections only. */
  RawClient(ClaudeSimulator sim, OkHttpClient http) {
    this.sim = sim;
    this.http = http;
  }

  /** Returns a new OkHttp client with its own connection pool and no retries. */
  static OkHttpClient newHttp() {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  }

  /** The answer to one request, read completely. */
  record Answer(int status, Headers headers, String body) {
    JsonNode json() {
      try {
        return WireJson.mapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.get(name);
    }

    String errorType() {
      return json().path("error").path("type").asText();
    }

    String errorMessage() {
      return json().path("error").path("message").asText();
    }
  }

  /** Posts {@code body} to {@code path} with a valid key and version. */
  Answer post(String path, String body) throws IOException {
    return post(path, body, defaultHeaders());
  }

  /** Posts to {@code /v1/messages} with a valid key and version. */
  Answer messages(String body) throws IOException {
    return post("/v1/messages", body);
  }

  /** Posts {@code body} to {@code path} with exactly {@code headers}. */
  Answer post(String path, String body, Map<String, String> headers) throws IOException {
    Request.Builder request = new Request.Builder().url(sim.baseUrl() + path).post(oneShot(body));
    headers.forEach(request::addHeader);
    try (Response response = http.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    }
  }

  /**
   * Returns {@code body} as a body OkHttp sends once only: else it re-sends a request on its own
   * after a 503 with {@code Retry-After: 0}, and the test reads the second answer.
   */
  private static RequestBody oneShot(String body) {
    RequestBody bytes = RequestBody.create(body, JSON);
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return bytes.contentType();
      }

      @Override
      public long contentLength() throws IOException {
        return bytes.contentLength();
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws IOException {
        bytes.writeTo(sink);
      }
    };
  }

  /**
   * Sends {@code GET path} with no headers of its own, as a script would call the admin endpoint.
   */
  Answer get(String path) throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(sim.baseUrl() + path).build()).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    }
  }

  Map<String, String> defaultHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-api-key", sim.apiKey());
    headers.put("anthropic-version", "2023-06-01");
    return headers;
  }

  /** Returns a minimal valid request body asking {@code model} about {@code text}. */
  static ObjectNode request(String model, int maxTokens, String text) {
    ObjectNode body = WireJson.mapper().createObjectNode();
    body.put("model", model);
    body.put("max_tokens", maxTokens);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "user").put("content", text);
    return body;
  }

  static ObjectNode request(String text) {
    return request(MODEL, 256, text);
  }

  static String json(Object node) {
    return ErrorBodies.write(node);
  }
}
