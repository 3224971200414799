package dev.declaude.spring;

import static dev.declaude.spring.SimulatedContexts.cause;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.spring.scanned.ScanThisPackage;
import dev.declaude.spring.scanned.ScannedBot;
import dev.declaude.spring.scanned.deeper.DeeperBot;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.VirtualTime;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * @EnableClaudeServices turns @ClaudePrompt interfaces into beans of the ClaudeClient bean.
 */
class EnableClaudeServicesTest {
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-24T12:00:00Z"));
  private final ClaudeSimulator sim = ClaudeSimulator.builder().clock(time.clock()).build().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  private ApplicationContextRunner runner() {
    return SimulatedContexts.runner(sim, time);
  }

  interface ListedBot {
    @ClaudePrompt("Name a colour.")
    String colour();
  }

  /** Takes a service by type, as application code does. */
  record Greeter(ScannedBot bot) {
    String greet(String name) {
      return bot.hello(name);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(basePackageClasses = ScannedBot.class)
  static class Scanning {}

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = ListedBot.class)
  static class Listing {}

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = StringBuilder.class)
  static class ListingAClass {}

  @Configuration(proxyBeanMethods = false)
  @EnableClaudeServices(types = ListedBot.class, client = "second")
  static class OnTheSecondClient {}

  private static Set<String> serviceBeans(ApplicationContext context) {
    Set<String> names = new TreeSet<>();
    for (String name : context.getBeanDefinitionNames()) {
      if (name.contains("Bot")) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void theInterfacesOfTheScannedPackagesBecomeBeansInjectedByType() {
    runner()
        .withUserConfiguration(Scanning.class)
        .withBean(Greeter.class)
        .run(
            context -> {
              assertEquals(
                  Set.of(
                      "dev.declaude.spring.scanned.ScannedBot",
                      "dev.declaude.spring.scanned.deeper.DeeperBot"),
                  serviceBeans(context));
              assertEquals(
                  "Simulated reply to: Say hello to Ada.",
                  context.getBean(Greeter.class).greet("Ada"));
              assertEquals(
                  "Simulated reply to: Say goodbye to Ada.",
                  context.getBean(DeeperBot.class).goodbye("Ada"));
            });
  }

  @Test
  void anInterfaceWithoutClaudePromptMethodsIsLeftAlone() {
    runner()
        .withUserConfiguration(Scanning.class)
        .run(
            context ->
                assertEquals(
                    0,
                    context.getBeansOfType(dev.declaude.spring.scanned.NotAService.class).size()));
  }

  @Test
  void withNothingNamedThePackageOfTheAnnotatedClassIsScanned() {
    runner()
        .withUserConfiguration(ScanThisPackage.class)
        .run(
            context ->
                assertEquals(
                    Set.of(
                        "dev.declaude.spring.scanned.ScannedBot",
                        "dev.declaude.spring.scanned.deeper.DeeperBot"),
                    serviceBeans(context)));
  }

  @Test
  void listedTypesAreRegisteredWithoutAScan() {
    runner()
        .withUserConfiguration(Listing.class)
        .run(
            context -> {
              assertEquals(
                  Set.of("dev.declaude.spring.EnableClaudeServicesTest$ListedBot"),
                  serviceBeans(context));
              assertEquals(
                  "Simulated reply to: Name a colour.", context.getBean(ListedBot.class).colour());
            });
  }

  @Test
  void aListedClassFailsTheStartSayingOnlyInterfacesBelong() {
    runner()
        .withUserConfiguration(ListingAClass.class)
        .run(
            context ->
                assertEquals(
                    "@EnableClaudeServices(types = java.lang.StringBuilder.class) on"
                        + " dev.declaude.spring.EnableClaudeServicesTest$ListingAClass names a class; list only interfaces with"
                        + " @ClaudePrompt methods",
                    cause(context.getStartupFailure(), IllegalArgumentException.class)
                        .getMessage()));
  }

  @Test
  void theClientAttributeChoosesAmongSeveralClients() {
    runner()
        .withUserConfiguration(OnTheSecondClient.class)
        .withBean("first", ClaudeClient.class, () -> client("claude-haiku-4-5"))
        .withBean("second", ClaudeClient.class, () -> client("claude-opus-4-6"))
        .run(
            context -> {
              context.getBean(ListedBot.class).colour();
              assertEquals(
                  List.of("claude-opus-4-6"),
                  sim.requests().stream()
                      .map(r -> r.model().orElseThrow())
                      .collect(java.util.stream.Collectors.toList()));
            });
  }

  private ClaudeClient client(String model) {
    return ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).model(model).build();
  }
}
