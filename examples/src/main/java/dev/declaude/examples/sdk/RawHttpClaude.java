package dev.declaude.examples.sdk;

import static dev.declaude.annotation.ErrorKind.CONNECTION;
import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.ClaudeErrors;
import dev.declaude.annotation.RetryOn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Hand-written HTTP with the JDK client, no SDK. The woven {@code @RetryOn} turns its checked
 * {@link IOException} (refused, reset, dropped) into a {@code ClaudeConnectionException}, or a
 * {@code ClaudeTimeoutException} for a timeout, and retries it because {@code CONNECTION} is
 * listed; error statuses are typed by declaude's error table ({@link ClaudeErrors}).
 */
public class RawHttpClaude {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI messages;
  private final String apiKey;

  /** Creates a client of the Messages API at {@code baseUrl}. */
  public RawHttpClaude(String baseUrl, String apiKey) {
    this.messages = URI.create(baseUrl + "/v1/messages");
    this.apiKey = apiKey;
  }

  /**
   * Sends a Messages request body and returns the response body.
   *
   * @throws IOException never to the caller: the aspect rethrows it as a {@code
   *     ClaudeConnectionException} or {@code ClaudeTimeoutException}, after retrying
   * @throws InterruptedException if interrupted while waiting for the response
   */
  @RetryOn(
      value = {CONNECTION, SERVER},
      maxAttempts = 3)
  public String send(String requestJson) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(messages)
            .header("x-api-key", apiKey)
            .header("anthropic-version", "2023-06-01")
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(requestJson))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    throw ClaudeErrors.fromResponse(
        response.statusCode(),
        name -> response.headers().firstValue(name).orElse(null),
        response.body());
  }
}
