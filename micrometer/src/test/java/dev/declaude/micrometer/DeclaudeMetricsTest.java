package dev.declaude.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.error.OverloadedException;
import dev.declaude.retry.RetryBudget;
import dev.declaude.testkit.Fault;
import dev.declaude.wire.MessageRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The meters a real client records through DeclaudeMetrics, after scripted faults on the simulator.
 */
class DeclaudeMetricsTest {
  private static final String DOMAIN = "simulator/42a34c1c309aaf39";
  private static final String GEN_AI =
      "gen_ai.operation.name=chat,gen_ai.provider.name=anthropic,"
          + "gen_ai.request.model=claude-haiku-4-5,gen_ai.response.model=";

  @RetryOn({ErrorKind.RATE_LIMIT, ErrorKind.SERVER})
  interface TeaBot {
    @ClaudePrompt(
        value = "How long should {tea} tea steep?",
        maxTokens = 100,
        model = "claude-haiku-4-5")
    String steepTime(String tea);
  }

  private static List<String> rateLimits(long requestsRemaining) {
    return List.of(
        "declaude.ratelimit.remaining{domain=" + DOMAIN + ",limit=input_tokens} value=5000000",
        "declaude.ratelimit.remaining{domain=" + DOMAIN + ",limit=output_tokens} value=1000000",
        "declaude.ratelimit.remaining{domain="
            + DOMAIN
            + ",limit=requests} value="
            + requestsRemaining,
        "declaude.ratelimit.remaining{domain=" + DOMAIN + ",limit=tokens} value=6000000");
  }

  private static List<String> with(List<String> first, String... rest) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(List.of(rest));
    all.sort(null);
    return all;
  }

  @Test
  void anOverloadThenASuccessIsOneSuccessfulCallWithRetryAndOneBackoffRetry() {
    try (MeteredClient m = new MeteredClient()) {
      m.simulator.enqueue(Fault.overloaded());

      m.client.create(TeaBot.class).steepTime("green");

      // 250 ms: the first backoff of 500 ms at jitter 0.5, on virtual time.
      assertEquals(
          with(
              rateLimits(4999),
              "declaude.calls{error=none,kind=successful_with_retry,method=steepTime,model=claude-haiku-4-5,"
                  + "service=TeaBot} count=1 total=250ms",
              "declaude.retries{kind=OVERLOADED,source=backoff} count=1",
              "gen_ai.client.operation.duration{error.type=none,"
                  + GEN_AI
                  + "claude-haiku-4-5} count=1 total=250ms",
              "gen_ai.client.token.usage{"
                  + GEN_AI
                  + "claude-haiku-4-5,gen_ai.token.type=input} count=1 total=11",
              "gen_ai.client.token.usage{"
                  + GEN_AI
                  + "claude-haiku-4-5,gen_ai.token.type=output} count=1 total=13"),
          m.meters());
    }
  }

  @Test
  void aRateLimitWithRetryAfterIsOneRetryWhoseWaitTheServerSet() {
    try (MeteredClient m = new MeteredClient()) {
      m.simulator.enqueue(Fault.status(429).retryAfter("1"));

      m.client.create(TeaBot.class).steepTime("green");

      // 1050 ms: the server's 1 s, plus half of the tenth that may follow it.
      assertEquals(
          with(
              rateLimits(4999),
              "declaude.calls{error=none,kind=successful_with_retry,method=steepTime,model=claude-haiku-4-5,"
                  + "service=TeaBot} count=1 total=1050ms",
              "declaude.retries{kind=RATE_LIMIT,source=retry_after} count=1",
              "gen_ai.client.operation.duration{error.type=none,"
                  + GEN_AI
                  + "claude-haiku-4-5} count=1 total=1050ms",
              "gen_ai.client.token.usage{"
                  + GEN_AI
                  + "claude-haiku-4-5,gen_ai.token.type=input} count=1 total=11",
              "gen_ai.client.token.usage{"
                  + GEN_AI
                  + "claude-haiku-4-5,gen_ai.token.type=output} count=1 total=13"),
          m.meters());
    }
  }

  @Test
  void aFailureThatIsNotRetriedIsTimedWithItsKindAndTheApisErrorType() {
    try (MeteredClient m = new MeteredClient()) {
      m.simulator.enqueue(Fault.status(400));

      assertThrows(
          InvalidRequestException.class, () -> m.client.create(TeaBot.class).steepTime("green"));

      assertEquals(
          List.of(
              "declaude.calls{error=INVALID_REQUEST,kind=failed_without_retry,method=steepTime,model=claude-haiku-4-5,"
                  + "service=TeaBot} count=1 total=0ms",
              "gen_ai.client.operation.duration{error.type=invalid_request_error,"
                  + GEN_AI
                  + "none} count=1 total=0ms"),
          m.meters());
    }
  }

  @Test
  void aCallThatRunsOutOfAttemptsIsFailedWithRetryAfterTwoRetries() {
    try (MeteredClient m = new MeteredClient()) {
      m.simulator.enqueue(Fault.overloaded(), Fault.overloaded(), Fault.overloaded());

      assertThrows(
          OverloadedException.class, () -> m.client.create(TeaBot.class).steepTime("green"));

      // 250 ms + 500 ms of backoff.
      assertEquals(
          List.of(
              "declaude.calls{error=OVERLOADED,kind=failed_with_retry,method=steepTime,model=claude-haiku-4-5,"
                  + "service=TeaBot} count=1 total=750ms",
              "declaude.retries{kind=OVERLOADED,source=backoff} count=2",
              "gen_ai.client.operation.duration{error.type=overloaded_error,"
                  + GEN_AI
                  + "none} count=1 total=750ms"),
          m.meters());
    }
  }

  @Test
  void aCallThePacerHeldIsTimedWithItsHoldAndTheRemainingRequestsShowNone() {
    try (MeteredClient m = new MeteredClient(sim -> sim.rateLimit(1, 1), engine -> {})) {
      TeaBot bot = m.client.create(TeaBot.class);

      bot.steepTime("green");
      bot.steepTime("black");

      // The first answer said no request was left until a second later: the second call waited for
      // it.
      assertEquals(
          with(
              rateLimits(0),
              "declaude.calls{error=none,kind=successful_without_retry,method=steepTime,model=claude-haiku-4-5,"
                  + "service=TeaBot} count=2 total=1000ms",
              "declaude.pacing.hold{} count=1 total=1000ms",
              "gen_ai.client.operation.duration{error.type=none,"
                  + GEN_AI
                  + "claude-haiku-4-5} count=2 total=1000ms",
              "gen_ai.client.token.usage{"
                  + GEN_AI
                  + "claude-haiku-4-5,gen_ai.token.type=input} count=2 total=22",
              "gen_ai.client.token.usage{"
                  + GEN_AI
                  + "claude-haiku-4-5,gen_ai.token.type=output} count=2 total=26"),
          m.meters());
    }
  }

  @Test
  void aRetryTheBudgetRefusesIsCountedAndTheCallFailsWithoutRetry() {
    try (MeteredClient m =
        new MeteredClient(sim -> {}, e -> e.budget(RetryBudget.of(0, 0, Duration.ofSeconds(10))))) {
      m.simulator.enqueue(Fault.overloaded());

      assertThrows(
          OverloadedException.class, () -> m.client.create(TeaBot.class).steepTime("green"));

      assertEquals(
          List.of(
              "declaude.calls{error=OVERLOADED,kind=failed_without_retry,method=steepTime,model=claude-haiku-4-5,"
                  + "service=TeaBot} count=1 total=0ms",
              "declaude.retry.budget.refusals{kind=OVERLOADED} count=1",
              "gen_ai.client.operation.duration{error.type=overloaded_error,"
                  + GEN_AI
                  + "none} count=1 total=0ms"),
          m.meters());
    }
  }

  @Test
  void aLowLevelCallIsTaggedWithNoServiceAndNoMethod() {
    try (MeteredClient m = new MeteredClient()) {
      m.client.send(
          MessageRequest.builder()
              .model("claude-haiku-4-5")
              .maxTokens(10)
              .addUserMessage("Hi")
              .build());

      assertEquals(
          "declaude.calls{error=none,kind=successful_without_retry,method=none,model=claude-haiku-4-5,"
              + "service=none} count=1 total=0ms",
          m.meters().get(0));
    }
  }

  @Test
  void noMeterNamesTheKeyThePromptOrTheAnswer() {
    try (MeteredClient m = new MeteredClient()) {
      m.simulator.enqueueReply("Three minutes, at 80 degrees.");
      m.simulator.enqueue(Fault.overloaded());

      m.client.create(TeaBot.class).steepTime("sencha");

      String everything = String.join("\n", MeterListing.of(m.registry));
      assertFalse(everything.contains(m.simulator.apiKey()), everything);
      assertFalse(everything.contains("sencha"), everything);
      assertFalse(everything.contains("Three minutes"), everything);
    }
  }
}
