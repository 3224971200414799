package dev.declaude.service;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.event.CallEvent;
import dev.declaude.event.ClaudeListener;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.retry.RetryEvent;
import dev.declaude.retry.WaitSource;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Fallback models end to end: generated service, real transport, the simulator overloading one
 * model.
 */
// Reads the process's standard error, where every test logs: no other test class runs meanwhile.
@Isolated
class FallbackModelsTest {
  private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
  private static final String PRIMARY = "claude-opus-4-8";
  private static final String FIRST = "claude-sonnet-5";
  private static final String SECOND = "claude-haiku-5-5";

  @RetryOn(
      value = {RATE_LIMIT, SERVER},
      maxAttempts = 2,
      initialDelayMs = 100,
      maxDelayMs = 100)
  interface Bot {
    @ClaudePrompt(
        value = "Q: {q}",
        model = PRIMARY,
        fallbackModels = {FIRST, SECOND})
    ClaudeResponse ask(String q);

    @ClaudePrompt(value = "Q: {q}", model = PRIMARY, fallbackModels = FIRST, fallbackAtOnce = true)
    String askAtOnce(String q);

    @ClaudePrompt(value = "Q: {q}", model = PRIMARY, fallbackModels = FIRST)
    java.util.concurrent.CompletableFuture<String> askLater(String q);

    @ClaudePrompt(
        value = "Story: {q}",
        model = PRIMARY,
        fallbackModels = FIRST,
        fallbackAtOnce = true)
    Stream<String> stream(String q);
  }

  private final VirtualTime time = VirtualTime.startingAt(START);
  private final List<RetryEvent> retries = new CopyOnWriteArrayList<>();
  private final List<CallEvent> calls = new CopyOnWriteArrayList<>();
  private ClaudeSimulator sim;
  private ClaudeClient client;
  private Bot bot;

  @BeforeEach
  void start() {
    sim = ClaudeSimulator.builder().clock(time.clock()).build().start();
    ClaudeListener listener =
        new ClaudeListener() {
          @Override
          public void onRetry(RetryEvent event) {
            retries.add(event);
          }

          @Override
          public void onCall(CallEvent event) {
            calls.add(event);
          }
        };
    client =
        ClaudeClient.builder()
            .apiKey(sim.apiKey())
            .baseUrl(sim.baseUrl())
            .clock(time.clock())
            .retryEngine(time.retryEngineBuilder().listener(listener).build())
            .listener(listener)
            .build();
    bot = client.create(Bot.class);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private List<String> modelsAsked() {
    return sim.requests().stream().map(r -> r.model().orElse("?")).toList();
  }

  @Test
  void anOverloadedModelsRetriesAreSpentThenTheFallbackAnswersAndSaysItDid() {
    sim.outage(PRIMARY, Duration.ofHours(1), Fault.overloaded());
    sim.enqueueReply("from the fallback");

    ClaudeResponse answer = bot.ask("hi");

    assertEquals("from the fallback", answer.text());
    assertEquals(FIRST, answer.message().model());
    assertEquals(List.of(PRIMARY, PRIMARY, FIRST), modelsAsked());
    assertEquals(
        List.of(WaitSource.BACKOFF, WaitSource.FALLBACK),
        retries.stream().map(RetryEvent::source).toList());
    CallEvent call = calls.get(calls.size() - 1);
    assertEquals(PRIMARY, call.requestModel());
    assertEquals(FIRST, call.responseModel());
    assertEquals(3, call.attempts());
  }

  @Test
  void atOnceTheFirstOverloadMovesOnAndOneInfoLineSaysSo() {
    sim.outage(PRIMARY, Duration.ofHours(1), Fault.overloaded());
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String answer;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      answer = bot.askAtOnce("hi");
    } finally {
      System.setErr(original);
    }

    assertTrue(answer.startsWith("Simulated reply to: Q: hi"), answer);
    assertEquals(List.of(PRIMARY, FIRST), modelsAsked());
    List<String> fallbackLines =
        captured
            .toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("falling back"))
            // without the "[thread] " it starts with: tests run on JUnit's threads
            .map(l -> l.substring(l.indexOf("] ") + 2))
            .toList();
    assertEquals(
        List.of(
            "INFO dev.declaude.internal.service.ModelChoices - Bot.askAtOnce: "
                + PRIMARY
                + " is overloaded; falling back to "
                + FIRST),
        fallbackLines);
  }

  @Test
  void whenEveryModelIsOverloadedTheLastFailureCarriesEveryEarlierOne() {
    sim.outage(PRIMARY, Duration.ofHours(1), Fault.overloaded());
    sim.outage(FIRST, Duration.ofHours(1), Fault.overloaded());
    sim.outage(SECOND, Duration.ofHours(1), Fault.overloaded());

    OverloadedException e = assertThrows(OverloadedException.class, () -> bot.ask("hi"));

    assertEquals(List.of(PRIMARY, PRIMARY, FIRST, FIRST, SECOND, SECOND), modelsAsked());
    assertEquals(6, e.attempts());
    assertEquals(5, e.getSuppressed().length);
    for (Throwable earlier : e.getSuppressed()) {
      assertTrue(earlier instanceof OverloadedException, earlier.toString());
    }
  }

  @Test
  void aRateLimitNeverFallsBack() {
    sim.outage(PRIMARY, Duration.ofHours(1), Fault.status(429).retryAfterMs("200"));

    RateLimitException e = assertThrows(RateLimitException.class, () -> bot.ask("hi"));

    assertEquals(List.of(PRIMARY, PRIMARY), modelsAsked());
    assertEquals(2, e.attempts());
  }

  @Test
  void anAsynchronousCallFallsBackToo() throws Exception {
    sim.outage(PRIMARY, Duration.ofHours(1), Fault.overloaded());

    String answer = bot.askLater("hi").get(30, TimeUnit.SECONDS);

    assertTrue(answer.startsWith("Simulated reply to: Q: hi"), answer);
    assertEquals(List.of(PRIMARY, PRIMARY, FIRST), modelsAsked());
  }

  @Test
  void aStreamFallsBackBeforeItsFirstText() {
    sim.outage(PRIMARY, Duration.ofHours(1), Fault.overloaded());

    String story = String.join("", bot.stream("a lighthouse").toList());

    assertTrue(story.startsWith("Simulated reply to: Story: a lighthouse"), story);
    assertEquals(List.of(PRIMARY, FIRST), modelsAsked());
  }

  @Test
  void anotherOverloadedModelIsNotTheMethodsConcern() {
    sim.outage(FIRST, Duration.ofHours(1), Fault.overloaded());
    sim.enqueueReply("from the primary");

    assertEquals("from the primary", bot.ask("hi").text());
    assertEquals(List.of(PRIMARY), modelsAsked());
    assertArrayEquals(new Object[0], retries.toArray());
  }
}
