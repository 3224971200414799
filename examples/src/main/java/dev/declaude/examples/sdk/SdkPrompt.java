package dev.declaude.examples.sdk;

import static dev.declaude.annotation.ErrorKind.SERVER;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.declaude.annotation.RetryOn;
import java.util.Objects;

/**
 * A record with a retried method: a system prompt bound to a client.
 *
 * @param client the official SDK client, with its retries off
 * @param system the system prompt
 */
public record SdkPrompt(AnthropicClient client, String system) {
  /** Checks the components. */
  public SdkPrompt {
    Objects.requireNonNull(client, "client");
    if (system == null || system.isBlank()) {
      throw new IllegalArgumentException("system prompt must not be blank");
    }
  }

  /**
   * Returns the answer to {@code question} under this system prompt; 3 attempts on server errors.
   */
  @RetryOn(value = SERVER, maxAttempts = 3)
  public String ask(String question) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(SdkSupportService.MODEL)
            .maxTokens(200)
            .system(system)
            .addUserMessage(question)
            .build();
    return SdkClients.text(client.messages().create(params));
  }
}
