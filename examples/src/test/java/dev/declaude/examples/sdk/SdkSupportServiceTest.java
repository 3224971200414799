package dev.declaude.examples.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.ServerException;
import dev.declaude.error.SpendLimitException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorExtension;
import dev.declaude.testkit.Fault;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Code on the official SDK, woven: retried by declaude, failing with declaude's exceptions. */
class SdkSupportServiceTest {
  @RegisterExtension
  static final ClaudeSimulatorExtension SIMULATOR = new ClaudeSimulatorExtension();

  @RegisterExtension final RecordingEngine engine = new RecordingEngine();

  private ClaudeSimulator sim;
  private SdkSupportService support;

  @BeforeEach
  void connect() {
    sim = SIMULATOR.simulator();
    AnthropicClient client = SdkClients.withoutRetries(sim.baseUrl(), sim.apiKey());
    support = new SdkSupportService(client);
  }

  @Test
  void overloadedTwiceThenAnswersWithTheText() {
    sim.enqueue(Fault.status(529), Fault.status(529));
    sim.enqueueReply("Your order ships tomorrow. You will get a tracking link by email.");

    String reply = support.answer("Where is my order?");

    assertEquals("Your order ships tomorrow. You will get a tracking link by email.", reply);
    assertEquals(3, sim.requestCount());
    assertEquals(2, engine.waits().size());
  }

  @Test
  void rateLimitedWithRetryAfterWaitsAtLeastThatLong() {
    sim.enqueue(Fault.status(429).retryAfter("2"));
    sim.enqueueReply("Done.");

    assertEquals("Done.", support.answer("Cancel my order"));

    assertEquals(2, sim.requestCount());
    // The retry wait, at least the server's retry-after. (The pacer may add a short hold of its
    // own: the
    // 429 also said no requests remain, and the pacer waits until one has refilled.)
    assertTrue(
        engine.waits().get(0).compareTo(Duration.ofSeconds(2)) >= 0,
        () -> "waited " + engine.waits());
  }

  @Test
  void exhaustedRetriesThrowDeclaudesOverloadedExceptionWithRequestIdAttemptsAndEarlierFailures() {
    sim.enqueue(Fault.overloaded(), Fault.overloaded(), Fault.overloaded());

    OverloadedException thrown =
        assertThrows(OverloadedException.class, () -> support.answer("Hello?"));

    assertEquals(3, sim.requestCount());
    assertEquals(3, thrown.attempts());
    assertEquals(ErrorKind.OVERLOADED, thrown.kind());
    assertEquals(529, thrown.status());
    // The request id the simulator sent, as the SDK read it from the same response.
    assertTrue(thrown.requestId().matches("req_011C\\w{20}"), thrown.requestId());
    assertEquals(sdkOriginal(thrown).requestId().orElseThrow(), thrown.requestId());
    List<OverloadedException> earlier =
        Arrays.stream(thrown.getSuppressed())
            .filter(OverloadedException.class::isInstance)
            .map(OverloadedException.class::cast)
            .collect(Collectors.toList());
    assertEquals(2, earlier.size());
    assertTrue(
        earlier.stream().noneMatch(e -> e.requestId().equals(thrown.requestId())),
        "each attempt has its own request id");
  }

  @Test
  void spendCapIsNotRetriedAndThrowsSpendLimitException() {
    sim.enqueue(Fault.spendLimit());

    SpendLimitException thrown =
        assertThrows(SpendLimitException.class, () -> support.answer("Hello?"));

    assertEquals(1, sim.requestCount());
    assertEquals(ErrorKind.BILLING, thrown.kind());
    assertEquals(1, thrown.attempts());
    assertTrue(engine.waits().isEmpty());
  }

  /**
   * The SDK exception a declaude exception replaced: its cause, or suppressed while core fixes the
   * cause.
   */
  static AnthropicServiceException sdkOriginal(Throwable typed) {
    return Stream.concat(Stream.of(typed.getCause()), Arrays.stream(typed.getSuppressed()))
        .filter(AnthropicServiceException.class::isInstance)
        .map(AnthropicServiceException.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no SDK exception kept in " + typed));
  }

  @Test
  void sdkExceptionNeverReachesTheCallerButIsKept() {
    sim.enqueue(
        Fault.status(500).message("boom"),
        Fault.status(500).message("boom"),
        Fault.status(500).message("boom"));

    RuntimeException thrown = assertThrows(RuntimeException.class, () -> support.answer("x"));

    assertInstanceOf(ServerException.class, thrown);
    assertEquals("boom", ((ServerException) thrown).apiMessage());
    assertInstanceOf(com.anthropic.errors.InternalServerException.class, sdkOriginal(thrown));
  }
}
