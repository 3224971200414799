package dev.declaude.bench;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import dev.declaude.retry.RetryEngine;
import dev.declaude.wire.MessageRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call cost of a generated service against calling the low-level client with the same
 * request, both on an in-memory transport (no HTTP), so only declaude's own work is measured.
 *
 * <ul>
 *   <li>{@code direct}: builds the request by hand and calls {@link ClaudeClient#send}, then takes
 *       the text;
 *   <li>{@code service}: a {@code @ClaudePrompt} method with one placeholder and no
 *       {@code @RetryOn};
 *   <li>{@code serviceWithRetryOn}: the same method under {@code @RetryOn({RATE_LIMIT, SERVER})};
 *       the call succeeds, so it makes one attempt.
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Dispatch -prof gc}. All three paths go
 * through the retry engine (the client's default policy is {@code none()}), so the difference is
 * the service layer: the generated class, argument array, template rendering and the resolved
 * policy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DispatchBenchmark {
  static final String MODEL = "claude-sonnet-4-6";

  /** A service without a retry policy. */
  public interface Bot {
    @ClaudePrompt(value = "Question: {question}", model = MODEL, maxTokens = 300)
    String answer(String question);
  }

  /** The same service, retrying rate limits and server errors. */
  @RetryOn({RATE_LIMIT, SERVER})
  public interface RetryingBot {
    @ClaudePrompt(value = "Question: {question}", model = MODEL, maxTokens = 300)
    String answer(String question);
  }

  private ClaudeClient client;
  private Bot bot;
  private RetryingBot retryingBot;
  // Not final and read each call, so the JIT cannot fold the prompt into a constant.
  private String question = "Where is my order?";

  @Setup
  public void setUp() {
    client =
        ClaudeClient.builder()
            .model(MODEL)
            .transport(new InMemoryTransport())
            .retryEngine(RetryEngine.builder().build())
            .build();
    bot = client.create(Bot.class);
    retryingBot = client.create(RetryingBot.class);
    String expected = "It ships tomorrow.";
    if (!expected.equals(direct())
        || !expected.equals(service())
        || !expected.equals(serviceWithRetryOn())) {
      throw new IllegalStateException("the three paths do not return the canned answer");
    }
  }

  @TearDown
  public void tearDown() {
    client.close();
  }

  @Benchmark
  public String direct() {
    MessageRequest request =
        MessageRequest.builder()
            .model(MODEL)
            .maxTokens(300)
            .addUserMessage("Question: " + question)
            .build();
    return client.send(request).text();
  }

  @Benchmark
  public String service() {
    return bot.answer(question);
  }

  @Benchmark
  public String serviceWithRetryOn() {
    return retryingBot.answer(question);
  }
}
