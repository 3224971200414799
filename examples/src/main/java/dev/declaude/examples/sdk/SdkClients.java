package dev.declaude.examples.sdk;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.TextBlock;
import java.util.stream.Collectors;

/** Builds official SDK clients for code that declaude retries, and reads their answers. */
public final class SdkClients {
  private SdkClients() {}

  /**
   * Returns an official SDK client with the SDK's own retries off ({@code maxRetries(0)}):
   * {@code @RetryOn} does the retrying, and two retry loops would multiply the attempts.
   */
  public static AnthropicClient withoutRetries(String baseUrl, String apiKey) {
    return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(0).build();
  }

  /** Returns the text blocks of {@code message}, joined. */
  public static String text(Message message) {
    return message.content().stream()
        .flatMap(block -> block.text().stream())
        .map(TextBlock::text)
        .collect(Collectors.joining());
  }
}
