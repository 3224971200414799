package dev.declaude.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.examples.sdk.SdkClients;
import dev.declaude.retry.RetryEngine;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every example program against the simulator with the faults the main program scripts, in
 * virtual time, and checks how each call ended: its result or its typed error, and its attempts.
 * Not the wording.
 */
class ExamplesTest {
  private static final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private static Map<Step, Outcome> outcomes;

  @BeforeAll
  static void runTheExamples() {
    VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    try (ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start()) {
      Narrator narrator = new Narrator(out);
      RetryEngine engine = time.retryEngineBuilder().listener(narrator).build();
      List<Outcome> list =
          Main.run(
              ClaudeClient.builder()
                  .apiKey(sim.apiKey())
                  .baseUrl(sim.baseUrl())
                  .clock(time.clock()),
              SdkClients.withoutRetries(sim.baseUrl(), sim.apiKey()),
              Main.simulatedFaults(sim, out),
              EnumSet.allOf(Step.class),
              out,
              engine,
              narrator);
      outcomes = list.stream().collect(Collectors.toMap(Outcome::step, Function.identity()));
    }
  }

  private static Outcome outcome(Step step) {
    return outcomes.get(step);
  }

  @Test
  void everyStepRan() {
    assertEquals(EnumSet.allOf(Step.class), outcomes.keySet());
  }

  @Test
  void theChatRetriesThe429AndThe529BurstAndRemembersTheFirstExchange() {
    assertTrue(outcome(Step.CHAT_FIRST).succeeded());
    assertEquals(2, outcome(Step.CHAT_FIRST).attempts());
    assertTrue(outcome(Step.CHAT_SECOND).succeeded());
    assertEquals(4, outcome(Step.CHAT_SECOND).attempts());
    assertTrue(outcome(Step.CHAT_SECOND).result().contains("#1042"));
  }

  @Test
  void theExtractionReturnsTheRecord() {
    Outcome o = outcome(Step.EXTRACT);
    assertTrue(o.succeeded());
    assertEquals(
        "Order[orderId=A-7, customer=Ada Lovelace, placed=2026-11-20, lines=[Line[product=Sencha, quantity=2],"
            + " Line[product=teapot, quantity=1]]]",
        o.result());
  }

  @Test
  void theStoryStreamsAfterRetryingTheStreamThatBrokeBeforeAnyText() {
    Outcome o = outcome(Step.STORY);
    assertTrue(o.succeeded());
    assertEquals(2, o.attempts());
    assertTrue(o.result().startsWith("The keeper lit the lamp"));
  }

  @Test
  void theOverflowFailsTypedWithoutAPolicyAndFitsWithTruncation() {
    Outcome unguarded = outcome(Step.OVERFLOW_UNGUARDED);
    assertEquals("ContextLengthExceededException", unguarded.error());
    assertTrue(unguarded.requestId().startsWith("req_"));
    assertTrue(outcome(Step.OVERFLOW_TRUNCATED).succeeded());
  }

  @Test
  void theWovenSdkCallIsRetriedAndTheSpendCapIsNot() {
    assertTrue(outcome(Step.SDK_ANSWER).succeeded());
    assertEquals(3, outcome(Step.SDK_ANSWER).attempts());
    Outcome cap = outcome(Step.SDK_SPEND_CAP);
    assertEquals("SpendLimitException", cap.error());
    assertEquals(1, cap.attempts());
    assertTrue(cap.requestId().startsWith("req_"));
  }

  @Test
  void theStoryIsPrintedForAPerson() {
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("retry-after"), text);
    assertTrue(text.contains("request-id req_"), text);
  }
}
