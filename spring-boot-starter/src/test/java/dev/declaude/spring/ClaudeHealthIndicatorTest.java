package dev.declaude.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.error.AuthenticationException;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.error.OverloadedException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.VirtualTime;
import dev.declaude.wire.MessageRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/** The declaude health indicator shows what the client's own calls saw, without calling the API. */
class ClaudeHealthIndicatorTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  private ApplicationContextRunner runner() {
    return SimulatedContexts.runner(sim, time)
        .withBean(CallHealthRecorder.class, () -> new CallHealthRecorder(time.clock()));
  }

  private static MessageRequest hello() {
    return MessageRequest.builder().maxTokens(10).addUserMessage("Hello").build();
  }

  private static Health health(ApplicationContext context) {
    return context.getBean("declaudeHealthIndicator", HealthIndicator.class).health();
  }

  private String domain() {
    return sim.baseUrl().replaceFirst("^http://", "") + "/42a34c1c309aaf39";
  }

  @Test
  void beforeAnyCallTheStateIsUnknownAndNoRequestIsSpentFindingOut() {
    runner()
        .run(
            context -> {
              Health health = health(context);
              assertEquals("UNKNOWN", health.getStatus().getCode());
              assertEquals(
                  Map.of("serverFailuresInARow", 0, "rateLimits", Map.of()), health.getDetails());
              assertEquals(0, sim.requestCount());
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void afterASuccessItIsUpWithTheRateLimitsTheAnswerReported() {
    runner()
        .run(
            context -> {
              context.getBean(ClaudeClient.class).send(hello());

              Health health = health(context);
              assertEquals("UP", health.getStatus().getCode());
              Map<String, Object> last = (Map<String, Object>) health.getDetails().get("lastCall");
              assertEquals(1, last.get("attempts"));
              assertEquals("none", last.get("error"));
              assertEquals("2026-11-24T12:00:00Z", last.get("at"));
              Map<String, Map<String, Map<String, Object>>> limits =
                  (Map<String, Map<String, Map<String, Object>>>)
                      health.getDetails().get("rateLimits");
              assertEquals(4999L, limits.get(domain()).get("requests").get("remaining"));
              assertEquals(5000L, limits.get(domain()).get("requests").get("limit"));
              assertEquals(
                  java.util.Set.of("requests", "input_tokens", "output_tokens", "tokens"),
                  limits.get(domain()).keySet());
              assertEquals(1, sim.requestCount());
            });
  }

  @Test
  void threeServerFailuresInARowMakeItDown() {
    sim.enqueue(Fault.overloaded(), Fault.status(500), Fault.overloaded());
    runner()
        .run(
            context -> {
              ClaudeClient client = context.getBean(ClaudeClient.class);
              for (int i = 0; i < 3; i++) {
                assertThrows(dev.declaude.error.ServerException.class, () -> client.send(hello()));
                assertEquals(i < 2 ? "UP" : "DOWN", health(context).getStatus().getCode());
              }
              assertEquals(3, health(context).getDetails().get("serverFailuresInARow"));

              client.send(hello());
              assertEquals("UP", health(context).getStatus().getCode());
            });
  }

  @Test
  void theThresholdIsAProperty() {
    sim.enqueue(Fault.overloaded());
    runner()
        .withPropertyValues("declaude.health.down-after-failures=1")
        .run(
            context -> {
              assertThrows(
                  OverloadedException.class,
                  () -> context.getBean(ClaudeClient.class).send(hello()));
              assertEquals("DOWN", health(context).getStatus().getCode());
            });
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedKeyMakesItOutOfServiceAndABadRequestDoesNot() {
    sim.enqueue(Fault.status(400), Fault.status(401));
    runner()
        .run(
            context -> {
              ClaudeClient client = context.getBean(ClaudeClient.class);
              assertThrows(InvalidRequestException.class, () -> client.send(hello()));
              assertEquals("UP", health(context).getStatus().getCode());

              assertThrows(AuthenticationException.class, () -> client.send(hello()));
              assertEquals("OUT_OF_SERVICE", health(context).getStatus().getCode());
              assertEquals(
                  "AUTHENTICATION",
                  ((Map<String, Object>) health(context).getDetails().get("lastCall"))
                      .get("error"));
            });
  }

  @Test
  void theIndicatorCanBeSwitchedOffLikeAnyOther() {
    runner()
        .withPropertyValues("management.health.declaude.enabled=false")
        .run(context -> assertEquals(false, context.containsBean("declaudeHealthIndicator")));
  }
}
