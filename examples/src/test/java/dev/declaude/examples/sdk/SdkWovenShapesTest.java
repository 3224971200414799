package dev.declaude.examples.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.anthropic.client.AnthropicClient;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.RateLimitException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorExtension;
import dev.declaude.testkit.Fault;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Type-level annotations, method overrides, static methods and records are all woven. */
class SdkWovenShapesTest {
  @RegisterExtension
  static final ClaudeSimulatorExtension SIMULATOR = new ClaudeSimulatorExtension();

  @RegisterExtension final RecordingEngine engine = new RecordingEngine();

  private ClaudeSimulator sim;
  private AnthropicClient client;

  @BeforeEach
  void connect() {
    sim = SIMULATOR.simulator();
    client = SdkClients.withoutRetries(sim.baseUrl(), sim.apiKey());
  }

  @Test
  void methodOfAnnotatedTypeMakesTheTypesAttempts() {
    sim.outage(Duration.ofHours(1), Fault.overloaded());

    OverloadedException thrown =
        assertThrows(
            OverloadedException.class, () -> new SdkSummarizer(client).summarize("A long text."));

    assertEquals(4, sim.requestCount());
    assertEquals(4, thrown.attempts());
  }

  @Test
  void methodAnnotationOverridesTheTypeAnnotation() {
    sim.outage(Duration.ofHours(1), Fault.overloaded());

    OverloadedException thrown =
        assertThrows(
            OverloadedException.class, () -> new SdkSummarizer(client).headline("A long text."));

    assertEquals(2, sim.requestCount());
    assertEquals(2, thrown.attempts());
  }

  @Test
  void methodAnnotationOverridesTheTypeAnnotationsKindsToo() {
    // The type retries RATE_LIMIT, headline() only SERVER.
    sim.enqueue(Fault.status(429));

    assertThrows(
        RateLimitException.class, () -> new SdkSummarizer(client).headline("A long text."));
    assertEquals(1, sim.requestCount());
  }

  @Test
  void staticMethodIsRetried() {
    sim.enqueue(Fault.overloaded(), Fault.status(429));
    sim.enqueueReply("positive");

    assertEquals("positive", SdkCalls.sentiment(client, "Great product, fast delivery."));
    assertEquals(3, sim.requestCount());
  }

  @Test
  void recordMethodIsRetried() {
    sim.enqueue(Fault.status(502), Fault.status(503));
    sim.enqueueReply("Bonjour.");

    assertEquals("Bonjour.", new SdkPrompt(client, "You translate into French.").ask("Hello."));
    assertEquals(3, sim.requestCount());
  }
}
