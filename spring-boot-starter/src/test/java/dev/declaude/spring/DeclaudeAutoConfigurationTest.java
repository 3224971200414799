package dev.declaude.spring;

import static dev.declaude.spring.SimulatedContexts.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.error.AuthenticationException;
import dev.declaude.error.MalformedResponseException;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.event.CallEvent;
import dev.declaude.event.ClaudeListener;
import dev.declaude.micrometer.DeclaudeMetrics;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.redis.RedisRateLimitStore;
import dev.declaude.response.MessageStream;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEvent;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.VirtualTime;
import dev.declaude.wire.MessageRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

/**
 * The auto-configured client and engine: properties, key sources, overrides, customizers,
 * listeners, close.
 */
class DeclaudeAutoConfigurationTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  private ApplicationContextRunner runner() {
    return SimulatedContexts.runner(sim, time);
  }

  private static MessageRequest hello() {
    return MessageRequest.builder().maxTokens(10).addUserMessage("Hello").build();
  }

  @Test
  void everyPropertyBindsToItsSetting() {
    runner()
        .withPropertyValues(
            "declaude.model=claude-haiku-4-5",
            "declaude.connect-timeout=5s",
            "declaude.read-timeout=2m",
            "declaude.write-timeout=30s",
            "declaude.call-timeout=3m",
            "declaude.max-server-wait=90s",
            "declaude.pacing=false",
            "declaude.max-response-bytes=1MB",
            "declaude.max-stream-event-bytes=64KB",
            "declaude.retry.kinds=RATE_LIMIT,SERVER",
            "declaude.retry.max-attempts=4",
            "declaude.retry.initial-delay=100ms",
            "declaude.retry.max-delay=2s",
            "declaude.retry.multiplier=3",
            "declaude.retry.jitter=EQUAL",
            "declaude.retry.max-elapsed=30s",
            "declaude.metrics.enabled=false",
            "declaude.metrics.max-tag-values=20",
            "declaude.health.down-after-failures=5")
        .run(
            context -> {
              DeclaudeProperties p = context.getBean(DeclaudeProperties.class);
              DeclaudeRetryProperties r = p.getRetry();
              assertEquals(sim.apiKey(), p.getApiKey());
              assertEquals(
                  List.of(
                      sim.baseUrl(),
                      "claude-haiku-4-5",
                      "PT5S",
                      "PT2M",
                      "PT30S",
                      "PT3M",
                      "PT1M30S",
                      "false",
                      "1048576B",
                      "65536B",
                      "[RATE_LIMIT, SERVER]",
                      "4",
                      "PT0.1S",
                      "PT2S",
                      "3.0",
                      "EQUAL",
                      "PT30S",
                      "false",
                      "20",
                      "5"),
                  List.of(
                      p.getBaseUrl(),
                      p.getModel(),
                      "" + p.getConnectTimeout(),
                      "" + p.getReadTimeout(),
                      "" + p.getWriteTimeout(),
                      "" + p.getCallTimeout(),
                      "" + p.getMaxServerWait(),
                      "" + p.getPacing(),
                      "" + p.getMaxResponseBytes(),
                      "" + p.getMaxStreamEventBytes(),
                      "" + r.getKinds(),
                      "" + r.getMaxAttempts(),
                      "" + r.getInitialDelay(),
                      "" + r.getMaxDelay(),
                      "" + r.getMultiplier(),
                      "" + r.getJitter(),
                      "" + r.getMaxElapsed(),
                      "" + p.getMetrics().isEnabled(),
                      "" + p.getMetrics().getMaxTagValues(),
                      "" + p.getHealth().getDownAfterFailures()));
              assertEquals(
                  "ClaudeClient[baseUrl=" + sim.baseUrl() + ", model=claude-haiku-4-5]",
                  context.getBean(ClaudeClient.class).toString());
            });
  }

  @ParameterizedTest
  @CsvSource({
    "connect-timeout, connectTimeout",
    "read-timeout, readTimeout",
    "write-timeout, writeTimeout",
    "call-timeout, callTimeout"
  })
  void aTimeoutReachesTheClientWhichRefusesZeroNamingTheProperty(String property, String setting) {
    runner()
        .withPropertyValues("declaude." + property + "=0s")
        .run(
            context ->
                assertEquals(
                    "invalid declaude." + property + ": " + setting + " must be positive, was PT0S",
                    cause(context.getStartupFailure(), IllegalArgumentException.class)
                        .getMessage()));
  }

  @Test
  void theRetryPropertiesAreTheDefaultPolicyOfLowLevelCalls() {
    sim.enqueue(Fault.overloaded(), Fault.overloaded());
    runner()
        .withPropertyValues(
            "declaude.retry.kinds=SERVER",
            "declaude.retry.max-attempts=2",
            "declaude.retry.initial-delay=100ms",
            "declaude.retry.jitter=EQUAL")
        .run(
            context -> {
              OverloadedException e =
                  assertThrows(
                      OverloadedException.class,
                      () -> context.getBean(ClaudeClient.class).send(hello()));
              assertEquals(2, e.attempts());
              // Equal jitter at one half: 50 ms plus half of the other 50.
              assertEquals(List.of(Duration.ofMillis(75)), time.sleeps());
            });
  }

  @Test
  void retrySettingsWithoutKindsFailTheStartSayingWhatToList() {
    runner()
        .withPropertyValues("declaude.retry.max-attempts=5")
        .run(
            context ->
                assertEquals(
                    "invalid declaude.retry: settings are given but declaude.retry.kinds is empty, so the default policy would"
                        + " retry nothing; list the kinds to retry, such as declaude.retry.kinds=RATE_LIMIT,SERVER",
                    cause(context.getStartupFailure(), IllegalArgumentException.class)
                        .getMessage()));
  }

  @Test
  void maxServerWaitIsTheEnginesBoundOnRetryAfter() {
    sim.enqueue(Fault.status(429).retryAfter("5"));
    runner()
        .withPropertyValues("declaude.retry.kinds=RATE_LIMIT", "declaude.max-server-wait=1s")
        .run(
            context -> {
              assertThrows(
                  RateLimitException.class,
                  () -> context.getBean(ClaudeClient.class).send(hello()));
              assertEquals(1, sim.requestCount());
              assertEquals(List.of(), time.sleeps());
            });
  }

  @Test
  void pacingFalseSendsAtOnceWhereThePacerWouldHaveHeldTheCall() {
    try (ClaudeSimulator limited =
        ClaudeSimulator.builder().clock(time.clock()).rateLimit(1, 1).build().start()) {
      SimulatedContexts.runner(limited, time)
          .withPropertyValues("declaude.pacing=false")
          .run(
              context -> {
                ClaudeClient client = context.getBean(ClaudeClient.class);
                client.send(hello());
                assertThrows(RateLimitException.class, () -> client.send(hello()));
              });
    }
  }

  @Test
  void maxResponseBytesCapsWhatTheClientReads() {
    runner()
        .withPropertyValues("declaude.max-response-bytes=100B")
        .run(
            context -> {
              MalformedResponseException e =
                  assertThrows(
                      MalformedResponseException.class,
                      () -> context.getBean(ClaudeClient.class).send(hello()));
              assertTrue(e.getMessage().contains("100 bytes"), e.getMessage());
            });
  }

  @Test
  void maxStreamEventBytesCapsAStreamsEvents() {
    runner()
        .withPropertyValues("declaude.max-stream-event-bytes=20B")
        .run(
            context -> {
              MalformedResponseException e =
                  assertThrows(
                      MalformedResponseException.class,
                      () -> {
                        try (MessageStream stream =
                            context.getBean(ClaudeClient.class).stream(hello())) {
                          stream.forEachRemaining(event -> {});
                        }
                      });
              assertTrue(e.getMessage().contains("20 bytes"), e.getMessage());
            });
  }

  @Test
  void theKeyComesFromAnthropicApiKeyBeforeTheEnvironmentVariable() {
    runner()
        .withPropertyValues(
            "declaude.api-key=",
            "anthropic.apiKey=" + sim.apiKey(),
            "ANTHROPIC_API_KEY=sk-ant-not-the-simulators-key")
        .run(context -> context.getBean(ClaudeClient.class).send(hello()));
    assertEquals(1, sim.requestCount());
  }

  @Test
  void theKeyComesFromTheEnvironmentVariableWhenNoPropertySetsIt() {
    runner()
        .withPropertyValues("declaude.api-key=", "ANTHROPIC_API_KEY=" + sim.apiKey())
        .run(context -> context.getBean(ClaudeClient.class).send(hello()));
    assertEquals(1, sim.requestCount());
  }

  @Test
  void theDeclaudePropertyWinsOverBothOtherSources() {
    runner()
        .withPropertyValues("anthropic.apiKey=sk-ant-wrong-1", "ANTHROPIC_API_KEY=sk-ant-wrong-2")
        .run(context -> context.getBean(ClaudeClient.class).send(hello()));
    runner()
        .withPropertyValues("declaude.api-key=sk-ant-wrong-3")
        .run(
            context ->
                assertThrows(
                    AuthenticationException.class,
                    () -> context.getBean(ClaudeClient.class).send(hello())));
  }

  @Test
  void theBaseUrlComesFromTheEnvironmentVariableWhenNoPropertySetsIt() {
    runner()
        .withPropertyValues("declaude.base-url=", "ANTHROPIC_BASE_URL=" + sim.baseUrl())
        .run(context -> context.getBean(ClaudeClient.class).send(hello()));
    assertEquals(1, sim.requestCount());
  }

  @Test
  void noKeyAnywhereFailsTheStartNamingWhereToSetIt() {
    runner()
        .withPropertyValues("declaude.api-key=")
        .run(
            context ->
                assertEquals(
                    "no API key for declaude: set the declaude.api-key property, the ANTHROPIC_API_KEY environment variable"
                        + " or the anthropic.apiKey property",
                    cause(context.getStartupFailure(), IllegalStateException.class).getMessage()));
  }

  @Test
  void theClientIsClosedWithTheContext() {
    List<ClaudeClient> seen = new ArrayList<>();
    runner().run(context -> seen.add(context.getBean(ClaudeClient.class)));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> seen.get(0).send(hello()));
    assertEquals("this ClaudeClient is closed", e.getMessage());
  }

  @Test
  void anApplicationsOwnClientAndEngineReplaceTheAutoConfiguredOnes() {
    ClaudeClient own = ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
    RetryEngine engine = RetryEngine.builder().build();
    runner()
        .withBean(ClaudeClient.class, () -> own)
        .withBean(RetryEngine.class, () -> engine)
        .run(
            context -> {
              assertSame(own, context.getBean(ClaudeClient.class));
              assertSame(engine, context.getBean(RetryEngine.class));
            });
  }

  @Test
  void customizersRunInTheirOrderAfterTheProperties() {
    List<String> order = new CopyOnWriteArrayList<>();
    runner()
        .withPropertyValues("declaude.model=claude-haiku-4-5")
        .withBean("second", ClaudeClientBuilderCustomizer.class, () -> new Second(order))
        .withBean("first", ClaudeClientBuilderCustomizer.class, () -> new First(order))
        .run(
            context -> {
              assertEquals(List.of("first", "second"), order);
              assertEquals("claude-opus-4-6", context.getBean(ClaudeClient.class).defaultModel());
            });
  }

  @Order(1)
  record First(List<String> order) implements ClaudeClientBuilderCustomizer {
    @Override
    public void customize(dev.declaude.ClaudeClientBuilder builder) {
      order.add("first");
    }
  }

  @Order(2)
  record Second(List<String> order) implements ClaudeClientBuilderCustomizer {
    @Override
    public void customize(dev.declaude.ClaudeClientBuilder builder) {
      order.add("second");
      builder.model("claude-opus-4-6");
    }
  }

  @Test
  void listenerBeansHearTheClientsCallsAndItsEnginesRetries() {
    List<String> heard = new CopyOnWriteArrayList<>();
    ClaudeListener recording =
        new ClaudeListener() {
          @Override
          public void onCall(CallEvent event) {
            heard.add("call " + event.attempts());
          }

          @Override
          public void onRetry(RetryEvent event) {
            heard.add("retry " + event.kind() + " " + event.delay().toMillis());
          }
        };
    sim.enqueue(Fault.overloaded());
    runner()
        .withPropertyValues("declaude.retry.kinds=SERVER")
        .withBean(ClaudeListener.class, () -> recording)
        .run(context -> context.getBean(ClaudeClient.class).send(hello()));

    assertEquals(List.of("retry OVERLOADED 250", "call 2"), heard);
  }

  @Test
  void wovenCodeUsesTheContextsEngineUntilTheContextCloses() {
    RetryEngine before = DeclaudeAspects.engine();
    runner()
        .run(context -> assertSame(context.getBean(RetryEngine.class), DeclaudeAspects.engine()));

    assertSame(before, DeclaudeAspects.engine());
  }

  @Test
  void withoutItsOptionalModulesTheStarterStillMakesTheClient() {
    runner()
        .withClassLoader(
            new FilteredClassLoader(
                DeclaudeMetrics.class,
                DeclaudeAspects.class,
                RedisRateLimitStore.class,
                org.springframework.boot.health.contributor.HealthIndicator.class))
        .withPropertyValues("declaude.redis-uri=redis://127.0.0.1:1")
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertNull(context.getStartupFailure());
              assertEquals(
                  List.of("claudeClient"),
                  List.of(context.getBeanNamesForType(ClaudeClient.class)));
              assertEquals(List.of(), List.of(context.getBeanNamesForType(ClaudeListener.class)));
              assertEquals(false, context.containsBean("declaudeAspectsEngine"));
              assertEquals(List.of(), List.of(context.getBeanNamesForType(RateLimitStore.class)));
            });
  }

  @Test
  void aRateLimitStoreBeanKeepsTheStateOfTheKeysDomain() {
    RecordingStore store = new RecordingStore();
    runner()
        .withBean(RateLimitStore.class, () -> store)
        .run(
            context -> {
              context.getBean(ClaudeClient.class).send(hello());

              // What a ClaudeClient of this key at this base URL would use by itself: the fleet's
              // pods agree on it
              assertEquals(
                  Set.of(RateLimitDomain.of(sim.baseUrl(), sim.apiKey()).id()), store.domains());
            });
  }

  @Test
  void aNamedRateLimitDomainIsTheEnginesAndABadNameIsRefusedNamingTheProperty() {
    RecordingStore store = new RecordingStore();
    runner()
        .withBean(RateLimitStore.class, () -> store)
        .withPropertyValues("declaude.rate-limit-domain=acme-prod")
        .run(
            context -> {
              context.getBean(ClaudeClient.class).send(hello());
              assertEquals(Set.of("acme-prod"), store.domains());
            });
    runner()
        .withPropertyValues("declaude.rate-limit-domain=acme prod")
        .run(
            context ->
                assertEquals(
                    "invalid declaude.rate-limit-domain: a rate-limit domain name must be 1 to 64 letters, digits, '.', '_' or"
                        + " '-', such as \"acme-prod\"; was \"acme prod\"",
                    cause(context.getStartupFailure(), IllegalArgumentException.class)
                        .getMessage()));
  }

  @Test
  void redisUriMakesTheRedisStoreAndARedisThatIsAwayFailsNoCall() {
    // Nothing listens on port 1: the store cannot connect, and the call goes on with this process's
    // state
    runner()
        .withPropertyValues("declaude.redis-uri=redis://127.0.0.1:1")
        .run(
            context -> {
              assertEquals(
                  RedisRateLimitStore.class, context.getBean(RateLimitStore.class).getClass());
              assertEquals(
                  200, context.getBean(ClaudeClient.class).send(hello()).metadata().status());
            });
  }

  @Test
  void metricsAndHealthSwitchedOffLeaveTheClientAlone() {
    runner()
        .withPropertyValues(
            "declaude.metrics.enabled=false", "management.health.declaude.enabled=false")
        .run(
            context -> {
              assertEquals(1, context.getBeansOfType(ClaudeClient.class).size());
              assertNull(context.getBeanProvider(ClaudeHealthIndicator.class).getIfAvailable());
            });
  }
}
