package dev.declaude.examples;

import dev.declaude.ClaudeClient;
import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEvent;
import dev.declaude.retry.RetryListener;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import java.io.PrintStream;

/**
 * The examples' main program. Without {@code ANTHROPIC_API_KEY} it starts the embedded simulator with
 * scripted faults, so the library's retries can be watched; with a key it calls the real API.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    String key = System.getenv("ANTHROPIC_API_KEY");
    if (key == null || key.isBlank()) {
      try (ClaudeSimulator sim = ClaudeSimulator.builder().build().start()) {
        out.println("No ANTHROPIC_API_KEY set: running against the embedded simulator at " + sim.baseUrl());
        sim.enqueue(Fault.status(429).retryAfter("1"), Fault.overloaded());
        out.println("Scripted: a 429 with retry-after: 1, then a 529, then a good answer.");
        run(ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()), out);
      }
    } else {
      out.println("Calling the Claude API.");
      run(ClaudeClient.builder().fromEnv(), out);
    }
  }

  private static void run(dev.declaude.ClaudeClientBuilder builder, PrintStream out) {
    RetryEngine engine = RetryEngine.builder().listener(new StoryListener(out)).build();
    try (ClaudeClient claude = builder.retryEngine(engine).build()) {
      SupportBot bot = claude.create(SupportBot.class);
      String question = "How long should I steep green tea?";
      out.println("> " + question);
      try {
        out.println("< " + bot.answer(question));
      } catch (ClaudeApiException e) {
        out.println("! " + e.getClass().getSimpleName() + " after " + e.attempts() + " attempt(s), request-id "
            + e.requestId() + ": " + e.apiMessage());
      } catch (ClaudeException e) {
        out.println("! " + e.getClass().getSimpleName() + " after " + e.attempts() + " attempt(s): " + e.getMessage());
      }
    }
  }

  /** Prints each retry: which attempt failed how, the wait and where it came from. */
  private static final class StoryListener implements RetryListener {
    private final PrintStream out;

    StoryListener(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onRetry(RetryEvent e) {
      out.printf("  attempt %d failed: %s (request-id %s); waiting %d ms (%s)%n", e.attempt() - 1,
          e.failure().getClass().getSimpleName(), e.requestId(), e.delay().toMillis(), e.source());
    }

    @Override
    public void onPacingWait(RetryEvent e) {
      out.printf("  holding attempt %d for %d ms: the rate limit has no room yet (%s)%n", e.attempt(),
          e.delay().toMillis(), e.source());
    }
  }
}
