package dev.declaude.examples.sdk;

import static dev.declaude.annotation.ErrorKind.OVERLOADED;
import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.declaude.annotation.RetryOn;

/** Static methods are woven like any other. */
public final class SdkCalls {
  private SdkCalls() {}

  /**
   * Returns the sentiment of {@code review} (positive, negative or neutral), retrying 529 and 429.
   */
  @RetryOn(
      value = {OVERLOADED, RATE_LIMIT},
      maxAttempts = 3)
  public static String sentiment(AnthropicClient client, String review) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(SdkSupportService.MODEL)
            .maxTokens(5)
            .addUserMessage("One word, positive, negative or neutral: " + review)
            .build();
    return SdkClients.text(client.messages().create(params)).trim();
  }
}
