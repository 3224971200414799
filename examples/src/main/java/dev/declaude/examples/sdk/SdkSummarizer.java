package dev.declaude.examples.sdk;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.declaude.annotation.RetryOn;

/**
 * {@code @RetryOn} on a type: every public method is retried as the type says, unless it carries
 * its own annotation, which wins ({@link #headline}).
 */
@RetryOn(
    value = {RATE_LIMIT, SERVER},
    maxAttempts = 4)
public class SdkSummarizer {
  private final AnthropicClient client;

  /** Creates the summarizer on {@code client}; build it with the SDK's retries off. */
  public SdkSummarizer(AnthropicClient client) {
    this.client = client;
  }

  /** Returns a one-paragraph summary of {@code text}; up to 4 attempts, from the type. */
  public String summarize(String text) {
    return ask("Summarize in one paragraph:\n" + text, 400);
  }

  /**
   * Returns a headline for {@code text}; a headline is cheap to give up on: 2 attempts, server
   * errors only.
   */
  @RetryOn(value = SERVER, maxAttempts = 2)
  public String headline(String text) {
    return ask("Write a headline for:\n" + text, 30);
  }

  // Private: runs inside the retried public method, so it is not retried on its own.
  private String ask(String prompt, long maxTokens) {
    MessageCreateParams params =
        MessageCreateParams.builder()
            .model(SdkSupportService.MODEL)
            .maxTokens(maxTokens)
            .addUserMessage(prompt)
            .build();
    return SdkClients.text(client.messages().create(params));
  }
}
