package dev.declaude.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.declaude.spring.RetryEngineBuilderCustomizer;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.Fault;
import dev.declaude.testkit.VirtualTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The whole application on a random port, called over HTTP, against its embedded simulator. Retries
 * wait on virtual time, so a scripted overload costs no real time.
 */
// Its context sets the aspects' one process engine (DeclaudeAspects.useEngine): a test class that
// does too must take the same lock. The module's other classes run beside it.
@ResourceLock("DeclaudeAspects.engine")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "examples.simulator=true")
class AnswerApplicationTest {
  @TestConfiguration(proxyBeanMethods = false)
  static class VirtualRetryTime {
    @Bean
    RetryEngineBuilderCustomizer virtualTime() {
      VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
      return engine -> engine.timeSource(time).sleeper(time).scheduler(time);
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Value("${local.server.port}")
  int port;

  @Autowired ClaudeSimulator simulator;

  @Autowired MeterRegistry registry;

  @BeforeEach
  void reset() {
    simulator.reset();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> ask(String question) throws Exception {
    return get("/answer?question=" + URLEncoder.encode(question, StandardCharsets.UTF_8));
  }

  private double overloadRetries() {
    var counter =
        registry.find("declaude.retries").tags("kind", "OVERLOADED", "source", "backoff").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void theEndpointAnswersAQuestion() throws Exception {
    HttpResponse<String> response = ask("How far is the moon?");

    assertEquals(200, response.statusCode());
    assertEquals(
        "{\"question\":\"How far is the moon?\",\"answer\":\"Simulated reply to: How far is the moon?\"}",
        response.body());
  }

  @Test
  void anOverloadThenASuccessStillAnswersAndTheMetricsShowOneRetry() throws Exception {
    double before = overloadRetries();
    simulator.enqueue(Fault.overloaded());

    HttpResponse<String> response = ask("Is the sea salty?");

    assertEquals(200, response.statusCode());
    assertEquals(
        "Simulated reply to: Is the sea salty?",
        json.readTree(response.body()).get("answer").asText());
    assertEquals(2, simulator.requestCount());
    assertEquals(1.0, overloadRetries() - before);
    JsonNode meter =
        json.readTree(
            get("/actuator/metrics/declaude.retries?tag=kind:OVERLOADED&tag=source:backoff")
                .body());
    assertEquals("COUNT", meter.get("measurements").get(0).get("statistic").asText());
    assertEquals(overloadRetries(), meter.get("measurements").get(0).get("value").asDouble());
  }

  @Test
  void whenTheServerStaysOverloadedTheEndpointSaysSoWithTheRequestId() throws Exception {
    simulator.enqueue(Fault.overloaded(), Fault.overloaded(), Fault.overloaded());

    HttpResponse<String> response = ask("Is the sea salty?");

    assertEquals(503, response.statusCode());
    // The id to quote to support is the simulator's, which depends on how many requests came
    // before.
    assertTrue(
        response.body().matches("\\{\"error\":\"OVERLOADED\",\"requestId\":\"req_[0-9A-Za-z]+\"}"),
        response.body());
    assertEquals(3, simulator.requestCount());
  }

  @Test
  void theHealthEndpointShowsWhatTheCallsSaw() throws Exception {
    ask("What is the boiling point of water?");

    JsonNode health = json.readTree(get("/actuator/health/declaude").body());

    assertEquals("UP", health.get("status").asText());
    assertEquals(1, health.get("details").get("lastCall").get("attempts").asInt());
    assertEquals(
        4999,
        health
            .get("details")
            .get("rateLimits")
            .elements()
            .next()
            .get("requests")
            .get("remaining")
            .asInt());
  }
}
