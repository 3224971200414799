package dev.declaude.service;

import static dev.declaude.annotation.ErrorKind.RATE_LIMIT;
import static dev.declaude.annotation.ErrorKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.ClaudeException;
import dev.declaude.error.GatewayTimeoutException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.error.ServerException;
import dev.declaude.error.StreamInterruptedException;
import dev.declaude.retry.RetryBudget;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEvent;
import dev.declaude.retry.RetryListener;
import dev.declaude.retry.WaitSource;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry engine's rules end to end: generated service, real transport, simulator, virtual time.
 */
class RetryThroughSimulatorTest {
  private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

  @RetryOn(
      value = {RATE_LIMIT, SERVER},
      maxAttempts = 4,
      initialDelayMs = 100,
      maxDelayMs = 1000)
  interface Bot {
    @ClaudePrompt("Q: {q}")
    String ask(String q);

    @ClaudePrompt("Q: {q}")
    java.util.concurrent.CompletableFuture<String> askLater(String q);

    @ClaudePrompt("Story: {q}")
    Stream<String> stream(String q);

    @RetryOn(value = SERVER, maxAttempts = 5, maxElapsedMs = 1000)
    @ClaudePrompt("Q: {q}")
    String hurried(String q);
  }

  private final VirtualTime time = VirtualTime.startingAt(START);
  private final List<RetryEvent> retries = new CopyOnWriteArrayList<>();
  private final List<RetryEvent> pacing = new CopyOnWriteArrayList<>();
  private ClaudeSimulator sim;
  private ClaudeClient client;

  private Bot bot(
      RetryEngine engine,
      java.util.function.Consumer<dev.declaude.testkit.ClaudeSimulatorBuilder> config) {
    var builder = ClaudeSimulator.builder().clock(time.clock());
    config.accept(builder);
    sim = builder.build().start();
    client =
        ClaudeClient.builder()
            .apiKey(sim.apiKey())
            .baseUrl(sim.baseUrl())
            .clock(time.clock())
            .retryEngine(engine)
            .build();
    return client.create(Bot.class);
  }

  private Bot bot() {
    return bot(time.retryEngineBuilder().listener(recording()).build(), b -> {});
  }

  private RetryListener recording() {
    return new RetryListener() {
      @Override
      public void onRetry(RetryEvent event) {
        retries.add(event);
      }

      @Override
      public void onPacingWait(RetryEvent event) {
        pacing.add(event);
      }
    };
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void a429WithWholeSecondsRetryAfterWaitsAtLeastThatLong() {
    Bot bot = bot();
    sim.enqueue(Fault.status(429).retryAfter("2"));

    assertEquals("Simulated reply to: Q: hi", bot.ask("hi"));

    assertEquals(2, sim.requestCount());
    assertEquals(WaitSource.RETRY_AFTER, retries.get(0).source());
    assertTrue(retries.get(0).delay().compareTo(Duration.ofSeconds(2)) >= 0, retries.toString());
    assertTrue(retries.get(0).delay().compareTo(Duration.ofMillis(2200)) <= 0, retries.toString());
  }

  @Test
  void retryAfterAsDecimalSecondsMillisecondsAndAnHttpDateIsHonoured() {
    Bot bot = bot();
    sim.enqueue(
        Fault.status(429).retryAfter("1.5"),
        Fault.status(429).retryAfterMs("300"),
        Fault.status(429).retryAfterDate(START.plusSeconds(60).atZone(ZoneOffset.UTC)));

    bot.ask("hi");

    assertEquals(4, sim.requestCount());
    assertTrue(retries.get(0).delay().toMillis() >= 1500, retries.toString());
    assertTrue(retries.get(1).delay().toMillis() >= 300, retries.toString());
    // The date was 60 s after the start; about 1.8 s of virtual time had passed by then.
    assertTrue(
        retries.get(2).delay().toSeconds() >= 57,
        retries + " pacing " + pacing + " sleeps " + time.sleeps());
    retries.forEach(r -> assertEquals(WaitSource.RETRY_AFTER, r.source()));
  }

  @Test
  void overloadedServerErrorsAndGatewayTimeoutsAreRetriedWithBackoff() {
    Bot bot = bot();
    sim.enqueue(Fault.overloaded(), Fault.status(500), Fault.status(504));

    assertEquals("Simulated reply to: Q: x", bot.ask("x"));

    assertEquals(
        List.of(OverloadedException.class, ServerException.class, GatewayTimeoutException.class),
        retries.stream().map(r -> r.failure().getClass()).toList());
    retries.forEach(r -> assertEquals(WaitSource.BACKOFF, r.source()));
    assertTrue(retries.get(0).requestId().startsWith("req_"));
  }

  @Test
  void whenRetriesRunOutTheLastFailureIsThrownWithTheEarlierOnesSuppressed() {
    Bot bot = bot();
    sim.enqueue(Fault.overloaded(), Fault.overloaded(), Fault.status(500), Fault.overloaded());

    var e = assertThrows(OverloadedException.class, () -> bot.ask("x"));

    assertEquals(4, e.attempts());
    assertEquals(3, e.getSuppressed().length);
    assertInstanceOf(ServerException.class, e.getSuppressed()[2]);
    assertEquals(4, sim.requestCount());
  }

  @Test
  void xShouldRetryFalseForbidsTheRetry() {
    Bot bot = bot();
    sim.enqueue(Fault.overloaded().shouldRetry(false));

    assertThrows(OverloadedException.class, () -> bot.ask("x"));
    assertEquals(1, sim.requestCount());
  }

  @Test
  void aWaitThatWouldPassTheDeadlineFailsAtOnce() {
    Bot bot = bot();
    sim.enqueue(Fault.status(503).retryAfter("5"));

    var e = assertThrows(ServerException.class, () -> bot.hurried("x"));

    assertEquals(1, sim.requestCount());
    assertEquals(1, e.attempts());
    assertEquals(Duration.ZERO, time.slept());
  }

  @Test
  void anInterruptDuringAWaitEndsTheCallAndKeepsTheFlag() {
    RetryEngine interrupting =
        time.retryEngineBuilder()
            // Mid-range jitter: full jitter may draw a wait of 0 ms, which retries without a sleep
            // to interrupt (the test failed so about once in a few hundred runs).
            .random(() -> 0.5)
            .sleeper(
                d -> {
                  throw new InterruptedException("interrupted in test");
                })
            .build();
    Bot bot = bot(interrupting, b -> {});
    sim.enqueue(Fault.overloaded());

    try {
      var e = assertThrows(OverloadedException.class, () -> bot.ask("x"));
      assertTrue(Thread.currentThread().isInterrupted());
      assertInstanceOf(InterruptedException.class, e.getSuppressed()[e.getSuppressed().length - 1]);
      assertEquals(1, sim.requestCount());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void anEmptyRetryBudgetThrowsTheFailureAtOnceAndSaysSo() {
    RetryEngine stingy =
        time.retryEngineBuilder().budget(RetryBudget.of(0, 0, Duration.ofSeconds(10))).build();
    Bot bot = bot(stingy, b -> {});
    sim.enqueue(Fault.overloaded());

    var e = assertThrows(OverloadedException.class, () -> bot.ask("x"));

    assertEquals(1, sim.requestCount());
    assertEquals(
        List.of(
            "retry budget spent: not retrying OVERLOADED after attempt 1; this client's retries already"
                + " reached 0 % of first attempts plus 0 per second over 10000 ms"),
        Stream.of(e.getSuppressed()).map(Throwable::getMessage).toList());
  }

  @Test
  void thePacerHoldsRequestsWhenTheHeadersSayNothingIsLeftInsteadOfSpendingThemOn429s() {
    Bot bot = bot(time.retryEngineBuilder().listener(recording()).build(), b -> b.rateLimit(1, 1));

    bot.ask("one");
    bot.ask("two");
    bot.ask("three");

    assertEquals(3, sim.requestCount());
    assertTrue(retries.isEmpty(), "no 429 was spent: " + retries);
    assertTrue(pacing.size() >= 1, "the pacer held a request: " + pacing);
    pacing.forEach(p -> assertEquals(WaitSource.PACING, p.source()));
  }

  @Test
  void aStreamThatFailsBeforeItsFirstTextIsRetried() {
    Bot bot = bot();
    // The faulted stream consumes the first scripted reply; the retry gets the second
    sim.enqueue(Fault.streamErrorAfter(0, "overloaded_error"));
    sim.enqueueReply("never seen");
    sim.enqueueReply("A complete story after one retry.");

    String text;
    try (Stream<String> story = bot.stream("x")) {
      text = String.join("", story.toList());
    }

    assertEquals("A complete story after one retry.", text);
    assertEquals(2, sim.requestCount());
  }

  @Test
  void aStreamThatFailsAfterTextWasDeliveredIsInterruptedNeverReplayed() {
    Bot bot = bot();
    sim.enqueue(Fault.streamErrorAfter(2, "overloaded_error"));
    sim.enqueueReply("one two three four five six seven eight nine ten");
    StringBuilder seen = new StringBuilder();

    StreamInterruptedException e;
    try (Stream<String> story = bot.stream("x")) {
      e = assertThrows(StreamInterruptedException.class, () -> story.forEach(seen::append));
    }

    assertEquals(seen.toString(), e.partialText());
    assertTrue(e.partialText().length() > 0);
    assertEquals(dev.declaude.annotation.ErrorKind.OVERLOADED, e.kind());
    assertInstanceOf(OverloadedException.class, e.getCause());
    assertEquals(1, sim.requestCount());
  }

  @Test
  void anAsyncCallRetriesWithoutBlockingAndCompletes() throws Exception {
    Bot bot = bot();
    sim.enqueue(Fault.status(429).retryAfter("1"), Fault.overloaded());

    assertEquals("Simulated reply to: Q: later", bot.askLater("later").get(10, TimeUnit.SECONDS));

    assertEquals(3, sim.requestCount());
    assertTrue(time.slept().toMillis() >= 1000, time.sleeps().toString());
  }

  @Test
  void aMethodWithoutRetryOnMakesOneAttempt() {
    interface Plain {
      @ClaudePrompt("Q: {q}")
      String ask(String q);
    }
    bot();
    sim.enqueue(Fault.overloaded());

    assertThrows(OverloadedException.class, () -> client.create(Plain.class).ask("x"));
    assertEquals(1, sim.requestCount());
  }

  @Test
  void theSpendCapIsNeverRetriedAsARateLimit() {
    Bot bot = bot();
    sim.enqueue(Fault.spendLimit());

    var e = assertThrows(ClaudeException.class, () -> bot.ask("x"));

    assertInstanceOf(dev.declaude.error.SpendLimitException.class, e);
    assertTrue(!(e instanceof RateLimitException));
    assertEquals(1, sim.requestCount());
  }
}
