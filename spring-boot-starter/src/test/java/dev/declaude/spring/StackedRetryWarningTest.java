package dev.declaude.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.VirtualTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A @ClaudePrompt method retried by @RetryOn and by another retry annotation is one WARN line at
 * start-up, naming the interface and the method. Each test has its own interface: create() warns
 * once per type.
 */
@ExtendWith(OutputCaptureExtension.class)
class StackedRetryWarningTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  @RetryOn(ErrorKind.SERVER)
  interface SpringRetryOnMethod {
    @ClaudePrompt("Hello.")
    @org.springframework.retry.annotation.Retryable
    String hello();
  }

  @org.springframework.retry.annotation.Retryable
  interface SpringRetryOnType {
    @ClaudePrompt("Hello.")
    @RetryOn(ErrorKind.SERVER)
    String hello();

    @ClaudePrompt("Goodbye.")
    String goodbye();
  }

  interface FrameworkRetryableOnMethod {
    @ClaudePrompt("Hello.")
    @RetryOn(ErrorKind.SERVER)
    @org.springframework.resilience.annotation.Retryable
    String hello();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = SpringRetryOnMethod.class)
  static class First {}

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = SpringRetryOnType.class)
  static class Second {}

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = FrameworkRetryableOnMethod.class)
  static class Third {}

  private List<String> warnings(CapturedOutput output) {
    return output
        .getAll()
        .lines()
        .filter(l -> l.contains(" WARN "))
        .map(l -> l.substring(l.indexOf(" WARN ") + 6))
        .collect(Collectors.toList());
  }

  private void start(Class<?> configuration) {
    SimulatedContexts.runner(sim, time)
        .withUserConfiguration(configuration)
        .run(context -> assertEquals(null, context.getStartupFailure()));
  }

  @Test
  void springRetryOnTheMethodIsOneLine(CapturedOutput output) {
    start(First.class);

    assertEquals(
        List.of(
            "dev.declaude.internal.service.ServiceRules - SpringRetryOnMethod.hello:"
                + " [declaude:retry-stacked] @Retryable (org.springframework.retry.annotation.Retryable) and @RetryOn on the"
                + " type both retry hello; stacked retries multiply the attempts, so keep only one of them"),
        warnings(output));
  }

  @Test
  void springRetryOnTheInterfaceIsOneLinePerRetriedMethod(CapturedOutput output) {
    start(Second.class);

    assertEquals(
        List.of(
            "dev.declaude.spring.StackedRetryCheck - SpringRetryOnType.hello: [declaude:retry-stacked]"
                + " @Retryable (org.springframework.retry.annotation.Retryable) on the type and @RetryOn both retry hello;"
                + " stacked retries multiply the attempts, so keep only one of them"),
        warnings(output));
  }

  @Test
  void springFrameworksOwnRetryableOnTheMethodIsOneLine(CapturedOutput output) {
    start(Third.class);

    assertEquals(
        List.of(
            "dev.declaude.internal.service.ServiceRules - FrameworkRetryableOnMethod.hello:"
                + " [declaude:retry-stacked] @Retryable (org.springframework.resilience.annotation.Retryable) and @RetryOn"
                + " both retry hello; stacked retries multiply the attempts, so keep only one of them"),
        warnings(output));
  }
}
