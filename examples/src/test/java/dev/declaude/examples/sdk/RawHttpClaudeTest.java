package dev.declaude.examples.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorExtension;
import dev.declaude.testkit.Fault;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A woven method's checked IOException becomes a ClaudeConnectionException, retried since
 * CONNECTION is listed.
 */
class RawHttpClaudeTest {
  private static final String REQUEST =
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":50,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  @RegisterExtension
  static final ClaudeSimulatorExtension SIMULATOR = new ClaudeSimulatorExtension();

  @RegisterExtension final RecordingEngine engine = new RecordingEngine();

  private ClaudeSimulator sim;
  private RawHttpClaude raw;

  @BeforeEach
  void connect() {
    sim = SIMULATOR.simulator();
    raw = new RawHttpClaude(sim.baseUrl(), sim.apiKey());
  }

  @Test
  void droppedConnectionIsRetriedAsConnectionFailure() throws Exception {
    sim.enqueue(Fault.dropConnection());
    sim.enqueueReply("Hello!");

    String body = raw.send(REQUEST);

    assertTrue(body.contains("Hello!"), body);
    assertEquals(2, sim.requestCount());
  }

  @Test
  void connectionFailuresThatOutlastTheRetriesReachTheCallerAsClaudeConnectionException() {
    sim.outage(Duration.ofHours(1), Fault.dropConnection());

    ClaudeConnectionException thrown =
        assertThrows(ClaudeConnectionException.class, () -> raw.send(REQUEST));

    assertEquals(3, thrown.attempts());
    assertInstanceOf(IOException.class, thrown.getCause());
    assertEquals(
        "RawHttpClaude.send(..) failed: HTTP/1.1 header parser received no bytes",
        thrown.getMessage());
  }

  @Test
  void errorStatusIsTypedAndRetried() throws Exception {
    sim.enqueue(Fault.overloaded());
    sim.enqueueReply("Hello!");

    assertTrue(raw.send(REQUEST).contains("Hello!"));
    assertEquals(2, sim.requestCount());
  }

  @Test
  void refusedConnectionIsAConnectionFailure() {
    RawHttpClaude nowhere = new RawHttpClaude("http://127.0.0.1:1", "sk-ant-none");

    ClaudeConnectionException thrown =
        assertThrows(ClaudeConnectionException.class, () -> nowhere.send(REQUEST));
    assertEquals(3, thrown.attempts());
    assertInstanceOf(java.net.ConnectException.class, thrown.getCause());
  }
}
