package dev.declaude.bench;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.retry.RetryEngine;
import dev.declaude.testkit.ClaudeSimulator;

/** One client under load: makes a call and reports its answer, or throws what the client threw. */
interface LoadClient extends AutoCloseable {
  String MODEL = "claude-haiku-4-5";

  /** Sends {@code call}. */
  String call(LoadCall call);

  @Override
  void close();

  /**
   * What a user of declaude would write: a service that retries rate limits and server errors ten
   * times. {@code max_tokens} is fixed per method, so each size of answer has its method.
   */
  @RetryOn(
      value = {RATE_LIMIT, SERVER},
      maxAttempts = 10)
  interface Bot {
    @ClaudePrompt(value = "{prompt}", model = MODEL, maxTokens = LoadCall.SHORT)
    String ask(String prompt);

    @ClaudePrompt(value = "{prompt}", model = MODEL, maxTokens = LoadCall.LONG)
    String askWithRoom(String prompt);
  }

  /**
   * A declaude client with its own retry engine (fresh budget and pacer), so runs do not share
   * state.
   */
  static LoadClient declaude(ClaudeSimulator sim) {
    return declaude(sim, true);
  }

  /** As {@link #declaude(ClaudeSimulator)}, with pacing switched on or off. */
  static LoadClient declaude(ClaudeSimulator sim, boolean pacing) {
    ClaudeClient client =
        ClaudeClient.builder()
            .apiKey(sim.apiKey())
            .baseUrl(sim.baseUrl())
            .retryEngine(RetryEngine.builder().pacing(pacing).build())
            .build();
    return of(client);
  }

  /**
   * A declaude client as a user builds it, at {@code baseUrl} with {@code apiKey}: the rate-limit
   * domain of the key, its state in {@code store}.
   */
  static LoadClient declaude(String baseUrl, String apiKey, RateLimitStore store) {
    return of(ClaudeClient.builder().apiKey(apiKey).baseUrl(baseUrl).rateLimitStore(store).build());
  }

  private static LoadClient of(ClaudeClient client) {
    Bot bot = client.create(Bot.class);
    return new LoadClient() {
      @Override
      public String call(LoadCall call) {
        switch (call.maxTokens()) {
          case LoadCall.SHORT:
            return bot.ask(call.prompt());
          case LoadCall.LONG:
            return bot.askWithRoom(call.prompt());
          default:
            throw new IllegalArgumentException("no Bot method has maxTokens " + call.maxTokens());
        }
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** The official SDK, with its default retries (2) or {@code maxRetries}. */
  static LoadClient officialSdk(ClaudeSimulator sim, Integer maxRetries) {
    return officialSdk(sim.baseUrl(), sim.apiKey(), maxRetries);
  }

  /** The official SDK at {@code baseUrl} with {@code apiKey}. */
  static LoadClient officialSdk(String baseUrl, String apiKey, Integer maxRetries) {
    AnthropicOkHttpClient.Builder builder =
        AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey);
    if (maxRetries != null) {
      builder.maxRetries(maxRetries);
    }
    AnthropicClient client = builder.build();
    return new LoadClient() {
      @Override
      public String call(LoadCall call) {
        MessageCreateParams params =
            MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(call.maxTokens())
                .addUserMessage(call.prompt())
                .build();
        return client.messages().create(params).content().toString();
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }
}
