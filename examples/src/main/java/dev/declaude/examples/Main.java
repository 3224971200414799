package dev.declaude.examples;

import com.anthropic.client.AnthropicClient;
import dev.declaude.ClaudeClient;
import dev.declaude.ClaudeClientBuilder;
import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.examples.sdk.SdkClients;
import dev.declaude.retry.RetryEngine;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The examples' main program. Without {@code ANTHROPIC_API_KEY} it starts the embedded simulator
 * and scripts faults to show the library at work: a 429 with {@code retry-after}, a burst of 529s,
 * a context-length overflow, a spend-cap 429 that is not retried. With a key it makes the same
 * calls to the real API, minus the ones that only make sense with scripted faults (and the
 * half-million-token conversation, which would cost real money).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    String key = System.getenv("ANTHROPIC_API_KEY");
    if (key == null || key.isBlank()) {
      try (ClaudeSimulator sim = ClaudeSimulator.builder().build().start()) {
        out.println(
            "No ANTHROPIC_API_KEY set: running against the embedded simulator at " + sim.baseUrl());
        run(
            ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()),
            SdkClients.withoutRetries(sim.baseUrl(), sim.apiKey()),
            simulatedFaults(sim, out),
            EnumSet.allOf(Step.class),
            out);
      }
    } else {
      out.println("ANTHROPIC_API_KEY is set: calling the Claude API.");
      run(
          ClaudeClient.builder().fromEnv(),
          SdkClients.withoutRetries(
              System.getenv().getOrDefault("ANTHROPIC_BASE_URL", "https://api.anthropic.com"), key),
          step -> {},
          EnumSet.of(Step.CHAT_FIRST, Step.CHAT_SECOND, Step.EXTRACT, Step.STORY, Step.SDK_ANSWER),
          out);
    }
  }

  /** Runs the steps with a narrating engine shared by the clients and the woven SDK calls. */
  static List<Outcome> run(
      ClaudeClientBuilder builder,
      AnthropicClient sdk,
      Consumer<Step> script,
      Set<Step> steps,
      PrintStream out) {
    Narrator narrator = new Narrator(out);
    RetryEngine engine = RetryEngine.builder().listener(narrator).build();
    return run(builder, sdk, script, steps, out, engine, narrator);
  }

  static List<Outcome> run(
      ClaudeClientBuilder builder,
      AnthropicClient sdk,
      Consumer<Step> script,
      Set<Step> steps,
      PrintStream out,
      RetryEngine engine,
      Narrator narrator) {
    // The woven SDK calls use the engine the aspects are given; the client is given the same one,
    // so both
    // share one budget and one view of the rate limits.
    RetryEngine previous = DeclaudeAspects.useEngine(engine);
    try (ClaudeClient claude = builder.retryEngine(engine).build()) {
      return new Examples(claude, sdk, script, narrator, out).run(steps);
    } finally {
      DeclaudeAspects.useEngine(previous);
      sdk.close();
    }
  }

  /** The faults each step meets on the simulator, said out loud before the step runs. */
  static Consumer<Step> simulatedFaults(ClaudeSimulator sim, PrintStream out) {
    return step -> {
      switch (step) {
        case CHAT_FIRST:
          out.println("   (scripted: a 429 asking to retry after 1 second)");
          sim.enqueue(Fault.status(429).retryAfter("1"));
          sim.enqueueReply("I'm sorry it's late! Order #1042 left our warehouse yesterday.");
          break;
        case CHAT_SECOND:
          out.println("   (scripted: three 529 overloaded answers in a row)");
          sim.enqueue(Fault.overloaded(), Fault.overloaded(), Fault.overloaded());
          sim.enqueueReply("As we discussed, #1042 should reach you within two working days.");
          break;
        case EXTRACT:
          sim.enqueueReply(
              "{\"orderId\":\"A-7\",\"customer\":\"Ada Lovelace\",\"placed\":\"2026-11-20\","
                  + "\"lines\":[{\"product\":\"Sencha\",\"quantity\":2},{\"product\":\"teapot\",\"quantity\":1}]}");
          break;
        case STORY:
          out.println(
              "   (scripted: the first stream breaks with an overloaded error before any text)");
          sim.enqueue(Fault.streamErrorAfter(0, "overloaded_error"));
          sim.enqueueReply("(lost with the broken stream)");
          sim.enqueueReply(
              "The keeper lit the lamp every night for forty years. One night a ship answered with "
                  + "a light of its own. He has never felt alone since.");
          break;
        case OVERFLOW_UNGUARDED:
          out.println("   (about 500,000 tokens of history for a 200,000-token window)");
          break;
        case SDK_ANSWER:
          out.println("   (scripted: a 529, then a 429 asking to retry after 1 second)");
          sim.enqueue(Fault.overloaded(), Fault.status(429).retryAfter("1"));
          sim.enqueueReply("Yes, we ship to Norway within five working days.");
          break;
        case SDK_SPEND_CAP:
          out.println("   (scripted: the organization's monthly spend cap is reached)");
          sim.enqueue(Fault.spendLimit());
          break;
        default:
          break;
      }
    };
  }
}
