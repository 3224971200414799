package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClaudeSimulatorExtensionTest {
  @RegisterExtension
  static final ClaudeSimulatorExtension SIM =
      ClaudeSimulatorExtension.withConfig(
          b -> b.apiKey("sk-ant-sim-custom").organizationId("org-test"));

  private static final String BODY = RawClient.json(RawClient.request("Hi"));

  @Test
  void theConfigurationIsAppliedToTheSimulator() {
    assertEquals("sk-ant-sim-custom", SIM.simulator().apiKey());
    assertEquals("org-test", SIM.simulator().organizationId());
  }

  @Test
  void theInjectedSimulatorIsTheRegisteredOne(ClaudeSimulator injected) {
    assertSame(SIM.simulator(), injected);
  }

  @Test
  void eachTestStartsFromAResetSimulatorWhateverRanBefore() throws IOException {
    assertEquals(0, SIM.simulator().requestCount());
    SIM.simulator().enqueue(Fault.status(529), Fault.status(529));

    assertEquals(529, new RawClient(SIM.simulator()).messages(BODY).status());
  }

  @Test
  void scriptsFromOtherTestsDoNotLeakIn() throws IOException {
    assertEquals(0, SIM.simulator().requestCount());

    assertEquals(200, new RawClient(SIM.simulator()).messages(BODY).status());
  }

  @Nested
  class NestedTests {
    @Test
    void nestedClassesShareTheOuterSimulator(ClaudeSimulator injected) {
      assertSame(SIM.simulator(), injected);
    }
  }
}
