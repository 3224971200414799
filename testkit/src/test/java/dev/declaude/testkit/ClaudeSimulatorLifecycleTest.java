package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClaudeSimulatorLifecycleTest {
  @Test
  void theBaseUrlIsLoopbackWithAPortAndNoTrailingSlash() {
    try (ClaudeSimulator sim = ClaudeSimulator.builder().build().start()) {
      assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), sim.baseUrl());
      assertEquals(ClaudeSimulator.DEFAULT_API_KEY, sim.apiKey());
    }
  }

  @Test
  void aChosenPortIsUsed() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    try (ClaudeSimulator sim = ClaudeSimulator.builder().port(port).build().start()) {
      assertEquals("http://127.0.0.1:" + port, sim.baseUrl());
      assertEquals(
          200, new RawClient(sim).messages(RawClient.json(RawClient.request("Hi"))).status());
    }
  }

  @Test
  void listeningOnEveryInterfaceIsReachedThroughLoopback() throws IOException {
    try (ClaudeSimulator sim = ClaudeSimulator.builder().host("0.0.0.0").build().start()) {
      assertTrue(sim.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), sim.baseUrl());
      assertEquals(
          200, new RawClient(sim).messages(RawClient.json(RawClient.request("Hi"))).status());
    }
  }

  @Test
  void aPortInUseCannotBeBound() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      ClaudeSimulator sim = ClaudeSimulator.builder().port(taken.getLocalPort()).build();
      UncheckedIOException e = assertThrows(UncheckedIOException.class, sim::start);
      assertEquals(
          "cannot bind the simulator to 127.0.0.1:"
              + taken.getLocalPort()
              + ": "
              + e.getCause().getMessage(),
          e.getMessage());
      sim.close();
    }
  }

  @Test
  void theBuilderRefusesABadHostOrPort() {
    IllegalArgumentException port =
        assertThrows(IllegalArgumentException.class, () -> ClaudeSimulator.builder().port(65_536));
    assertEquals("port must be in 0..65535, was 65536", port.getMessage());
    IllegalArgumentException host =
        assertThrows(IllegalArgumentException.class, () -> ClaudeSimulator.builder().host(" "));
    assertEquals("host must not be blank", host.getMessage());
  }

  @Test
  void theBaseUrlIsUnknownBeforeStart() {
    ClaudeSimulator sim = ClaudeSimulator.builder().build();
    IllegalStateException e = assertThrows(IllegalStateException.class, sim::baseUrl);
    assertEquals("start() the simulator before asking for its URL", e.getMessage());
    sim.close();
  }

  @Test
  void aSimulatorStartsOnlyOnceAndClosesTwiceQuietly() {
    ClaudeSimulator sim = ClaudeSimulator.builder().build().start();
    assertThrows(IllegalStateException.class, sim::start);
    sim.close();
    sim.close();
  }

  @Test
  void latencyDelaysButDoesNotChangeTheAnswer() throws IOException {
    try (ClaudeSimulator sim =
        ClaudeSimulator.builder().latency(Duration.ofMillis(2)).build().start()) {
      assertEquals(
          200, new RawClient(sim).messages(RawClient.json(RawClient.request("Hi"))).status());
    }
  }

  @Test
  void theBuilderRefusesImpossibleSettingsNamingTheValue() {
    IllegalArgumentException rate =
        assertThrows(
            IllegalArgumentException.class, () -> ClaudeSimulator.builder().rateLimit(0, 1));
    assertEquals("requestsPerSecond must be positive and finite, was 0.0", rate.getMessage());
    IllegalArgumentException burst =
        assertThrows(
            IllegalArgumentException.class, () -> ClaudeSimulator.builder().rateLimit(1, 0));
    assertEquals("burst must be >= 1, was 0", burst.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClaudeSimulator.builder().apiKey(" "));
  }

  @Test
  void faultRatesCannotAddUpToMoreThanOne() {
    try (ClaudeSimulator sim = ClaudeSimulator.builder().build()) {
      sim.faultRate(0.7, Fault.overloaded());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> sim.faultRate(0.4, Fault.status(500)));
      assertEquals("fault rates add up to 1.1, more than 1", e.getMessage());
    }
  }

  @Test
  void aFaultDescribesItselfWithoutSecrets() {
    assertEquals(
        "Fault[429 rate_limit_error/enforced_spend_limit_reached, JSON]",
        Fault.spendLimit().toString());
    assertEquals(
        "Fault[stream overloaded_error after 3 deltas]",
        Fault.streamErrorAfter(3, "overloaded_error").toString());
  }
}
