package dev.declaude.examples.sdk;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.declaude.annotation.RetryOn;

/**
 * Plain code on the official Anthropic SDK, made robust by one annotation: woven with declaude's
 * aspects, {@link #answer} is retried on rate limits and server errors (529 included), honouring
 * {@code retry-after}, and fails with declaude's typed exceptions ({@code OverloadedException},
 * {@code SpendLimitException}, ...) instead of the SDK's.
 *
 * <pre>{@code
 * SdkSupportService support = new SdkSupportService(SdkClients.withoutRetries(baseUrl, apiKey));
 * String reply = support.answer("Where is my order?");
 * }</pre>
 */
public class SdkSupportService {
  static final String MODEL = "claude-haiku-4-5";

  private final AnthropicClient client;

  /** Creates the service on {@code client}; build it with the SDK's retries off. */
  public SdkSupportService(AnthropicClient client) {
    this.client = client;
  }

  /** Returns Claude's two-sentence answer to a customer's question. */
  @RetryOn({RATE_LIMIT, SERVER})
  public String answer(String question) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(MODEL)
            .maxTokens(300)
            .system("You answer customer questions in two sentences.")
            .addUserMessage(question)
            .build();
    return SdkClients.text(client.messages().create(params));
  }
}
