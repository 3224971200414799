package dev.declaude.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.error.ServiceDefinitionException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.VirtualTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A broken @ClaudePrompt interface fails the start with every broken rule explained. */
@ExtendWith(OutputCaptureExtension.class)
class ServiceDefinitionFailureAnalyzerTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  interface BrokenBot {
    @ClaudePrompt("Translate {text} into {language}.")
    String translate(String text);

    @ClaudePrompt(value = "Summarise {text}.", maxTokens = 0)
    String summarise(String text);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableClaudeServices(types = BrokenBot.class)
  static class BrokenApplication {}

  private static final String DESCRIPTION =
      "The declaude service"
          + " dev.declaude.spring.ServiceDefinitionFailureAnalyzerTest.BrokenBot breaks 2 rules:\n"
          // in the methods' name order, whatever order reflection lists them in
          + "\n    - summarise: [declaude:max-tokens] maxTokens is 0 but must be at least 1: a method that returns text"
          + " needs output"
          + "\n    - translate: [declaude:placeholder-unbound] placeholder {language} names no parameter of translate;"
          + " parameters: [text]; rename the placeholder or add a parameter language";

  @Test
  void theAnalysisListsEachBrokenRuleWithItsMethodAndSaysHowToCatchThemAtCompileTime() {
    SimulatedContexts.runner(sim, time)
        .withUserConfiguration(BrokenApplication.class)
        .run(
            context -> {
              Throwable failure = context.getStartupFailure();
              FailureAnalysis analysis = new ServiceDefinitionFailureAnalyzer().analyze(failure);

              assertEquals(DESCRIPTION, analysis.getDescription());
              assertEquals(
                  "Change each method as its message says. To be told at compile time instead, on the offending"
                      + " annotation in your IDE, add dev.declaude:declaude-processor to the compiler's annotationProcessorPaths"
                      + " (Gradle: the annotationProcessor configuration); JDK 23 and later skip a processor that is only on the"
                      + " class path.",
                  analysis.getAction());
              assertSame(
                  SimulatedContexts.cause(failure, ServiceDefinitionException.class),
                  analysis.getCause());
            });
  }

  @Test
  void aSpringApplicationThatFailsSoPrintsTheAnalysis(CapturedOutput output) {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(BrokenApplication.class)
            .web(WebApplicationType.NONE)
            .properties("declaude.api-key=" + sim.apiKey(), "declaude.base-url=" + sim.baseUrl());

    assertThrows(RuntimeException.class, app::run);

    String report =
        "APPLICATION FAILED TO START\n***************************\n\nDescription:\n\n"
            + DESCRIPTION
            + "\n\nAction:\n\n"
            + ServiceDefinitionFailureAnalyzer.ACTION
            + "\n";
    assertTrue(output.getAll().contains(report), output.getAll());
  }
}
