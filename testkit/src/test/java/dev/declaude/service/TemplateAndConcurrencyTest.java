package dev.declaude.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.Name;
import dev.declaude.error.ServiceDefinitionException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Template rendering edge cases, rule failures at create(), and one service shared by 16 threads.
 */
class TemplateAndConcurrencyTest {
  @RegisterExtension static final ClaudeSimulatorExtension SIM = new ClaudeSimulatorExtension();

  interface Templates {
    @ClaudePrompt("{a} and {a} again, {{literal}} and }} too")
    String repeated(String a);

    @ClaudePrompt("Übersetze: {text} 🚀")
    String unicode(String text);

    @ClaudePrompt("{first}{second}")
    String adjacent(@Name("first") String x, @Name("second") int y);
  }

  private ClaudeSimulator sim;
  private ClaudeClient client;

  @BeforeEach
  void connect() {
    sim = SIM.simulator();
    client = ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
  }

  @AfterEach
  void close() {
    client.close();
  }

  private String lastUserMessage() {
    var messages = sim.requests().get(sim.requests().size() - 1).json().get("messages");
    return messages.get(messages.size() - 1).get("content").asText();
  }

  @Test
  void repeatedPlaceholdersAndDoubledBracesRender() {
    client.create(Templates.class).repeated("x");
    assertEquals("x and x again, {literal} and } too", lastUserMessage());
  }

  @Test
  void unicodeSurvivesTheRoundTrip() {
    sim.enqueueReply("Translate: héllo 🚀");
    assertEquals("Translate: héllo 🚀", client.create(Templates.class).unicode("héllo wörld"));
    assertEquals("Übersetze: héllo wörld 🚀", lastUserMessage());
  }

  @Test
  void explicitNamesBindAndNonStringsUseToString() {
    client.create(Templates.class).adjacent("n=", 42);
    assertEquals("n=42", lastUserMessage());
  }

  @Test
  void aNullArgumentIsAClearErrorNotTheTextNull() {
    var e =
        assertThrows(
            NullPointerException.class, () -> client.create(Templates.class).repeated(null));
    assertEquals(
        "argument 'a' of repeated is null: the prompt needs a value for {a}; pass an empty string to leave it blank",
        e.getMessage());
    assertEquals(0, sim.requestCount());
  }

  interface Broken {
    @ClaudePrompt("Hello {nobody}")
    String greet(String somebody);

    @ClaudePrompt(value = "  ", maxTokens = 0)
    String blank();
  }

  @Test
  void createRejectsABrokenInterfaceListingEveryRuleWithItsIdAndMethod() {
    var e = assertThrows(ServiceDefinitionException.class, () -> client.create(Broken.class));

    Set<String> found =
        e.violations().stream().map(p -> p.ruleId() + "@" + p.method()).collect(Collectors.toSet());
    assertTrue(
        found.containsAll(
            Set.of(
                "placeholder-unbound@greet",
                "parameter-unused@greet",
                "template-blank@blank",
                "max-tokens@blank")),
        found.toString());
    assertTrue(e.getMessage().contains("[declaude:placeholder-unbound]"), e.getMessage());
  }

  @Test
  void createRejectsAClassThatIsNotAnInterface() {
    var e = assertThrows(ServiceDefinitionException.class, () -> client.create(String.class));
    assertEquals("service-type", e.violations().get(0).ruleId());
  }

  @Test
  void oneServiceServesSixteenThreadsAtOnce() throws Exception {
    Templates service = client.create(Templates.class);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<String>> calls =
          IntStream.range(0, 160)
              .<Callable<String>>mapToObj(i -> () -> service.unicode("call " + i))
              .toList();
      Set<String> answers = new HashSet<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        answers.add(f.get());
      }
      assertEquals(160, answers.size());
      assertTrue(
          answers.contains("Simulated reply to: Übersetze: call 159 🚀"), answers.toString());
      assertEquals(160, sim.requestCount());
    } finally {
      pool.shutdownNow();
    }
  }
}
