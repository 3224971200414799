package dev.declaude.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.Role;
import dev.declaude.annotation.Turn;
import dev.declaude.error.ResponseFormatException;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every return type of a {@code @ClaudePrompt} method, through the real transport to the simulator.
 */
class DeclarativeServiceTest {
  @RegisterExtension static final ClaudeSimulatorExtension SIM = new ClaudeSimulatorExtension();

  record Order(String id, int quantity, List<String> items, LocalDate placed) {}

  interface Shop {
    @ClaudePrompt(
        value = "Question: {question}",
        system = "You answer in two sentences.",
        maxTokens = 300)
    String answer(String question);

    @ClaudePrompt("Say hi to {name}")
    ClaudeResponse full(String name);

    @ClaudePrompt(value = "Extract the order from: {email}", model = "claude-haiku-4-5")
    Order extract(String email);

    @ClaudePrompt("Later: {question}")
    CompletableFuture<String> later(String question);

    @ClaudePrompt("Later order: {email}")
    CompletableFuture<Order> laterOrder(String email);

    @ClaudePrompt("Tell a story about {topic}")
    Stream<String> story(String topic);

    @ClaudePrompt("Tell a story about {topic}")
    String storyTo(String topic, java.util.function.Consumer<String> onText);

    default String politely(String question) {
      return "Please: " + answer(question);
    }
  }

  private ClaudeSimulator sim;
  private ClaudeClient client;
  private Shop shop;

  @BeforeEach
  void connect() {
    sim = SIM.simulator();
    client = ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
    shop = client.create(Shop.class);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aStringMethodReturnsTheTextAndSendsTheRenderedRequest() {
    sim.enqueueReply("Blue light scatters more.");

    assertEquals("Blue light scatters more.", shop.answer("Why is the sky blue?"));

    assertEquals(
        "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":300,\"system\":\"You answer in two sentences.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Question: Why is the sky blue?\"}]}",
        sim.requests().get(0).body());
  }

  @Test
  void theResponseTypeCarriesTextStopReasonUsageAndRequestId() {
    sim.enqueueReply("Hi Ada");

    ClaudeResponse r = shop.full("Ada");

    assertEquals("Hi Ada", r.text());
    assertEquals("end_turn", r.stopReason());
    assertTrue(r.usage().outputTokens() > 0);
    // The simulator's ids: req_011C and 20 base58 characters, as the API's are; a made-up id would
    // not match.
    assertTrue(r.requestId().matches("req_011C[1-9A-HJ-NP-Za-km-z]{20}"), r.requestId());
    sim.enqueueReply("Hi again");
    assertNotEquals(r.requestId(), shop.full("Ada").requestId());
    assertTrue(r.rateLimits().requests() != null);
  }

  @Test
  void aRecordIsAskedForWithItsSchemaAndParsed() {
    sim.enqueueReply(
        "{\"id\":\"A-1\",\"quantity\":2,\"items\":[\"mug\",\"tea\"],\"placed\":\"2026-11-20\"}");

    Order order = shop.extract("I ordered two things on Nov 20");

    assertEquals(new Order("A-1", 2, List.of("mug", "tea"), LocalDate.of(2026, 11, 20)), order);
    var body = sim.requests().get(0).json();
    assertEquals("claude-haiku-4-5", body.get("model").asText());
    assertEquals("json_schema", body.at("/output_config/format/type").asText());
    assertEquals(
        "[\"id\",\"quantity\",\"items\",\"placed\"]",
        body.at("/output_config/format/schema/required").toString());
  }

  @Test
  void withNothingScriptedTheSimulatorAnswersWithJsonOfTheSchema() {
    Order order = shop.extract("anything");

    assertEquals("sample id", order.id());
    assertEquals(1, order.quantity());
  }

  @Test
  void anAnswerThatIsNotJsonOfTheTypeIsAResponseFormatExceptionWithTheRawText() {
    sim.enqueueReply("Sorry, I cannot find an order.");

    var e = assertThrows(ResponseFormatException.class, () -> shop.extract("no order here"));

    assertEquals("Sorry, I cannot find an order.", e.rawText());
    assertEquals(
        "the answer is not JSON of Order: Unrecognized token 'Sorry': was expecting (JSON String, Number,"
            + " Array, Object or token 'null', 'true' or 'false') (request-id "
            + e.requestId()
            + ")",
        e.getMessage());
    assertTrue(e.requestId().startsWith("req_"));
  }

  @Test
  void anAnswerCutByMaxTokensIsAResponseFormatException() {
    sim.enqueueReply(
        "{\"id\":\"A-1\",\"quantity\":2,\"items\":[" + "\"x\",".repeat(3000) + "\"y\"]}");

    var e = assertThrows(ResponseFormatException.class, () -> shop.extract("long"));

    assertEquals(
        "the answer was cut off at max_tokens (1024 tokens) before its JSON was complete; raise maxTokens"
            + " (request-id "
            + e.requestId()
            + ")",
        e.getMessage());
    assertTrue(e.rawText().startsWith("{\"id\":\"A-1\""));
  }

  @Test
  void futuresCompleteWithTextAndRecords() throws Exception {
    sim.enqueueReply("later answer");
    assertEquals("later answer", shop.later("q").get(5, TimeUnit.SECONDS));

    sim.enqueueReply("{\"id\":\"B\",\"quantity\":1,\"items\":[],\"placed\":\"2026-01-02\"}");
    assertEquals("B", shop.laterOrder("e").get(5, TimeUnit.SECONDS).id());
  }

  @Test
  void aStreamDeliversTheTextInDeltas() {
    sim.enqueueReply("Once upon a time there was a small and very curious robot.");

    List<String> deltas;
    try (Stream<String> story = shop.story("robots")) {
      deltas = story.toList();
    }

    assertTrue(deltas.size() > 1, deltas.toString());
    assertEquals(
        "Once upon a time there was a small and very curious robot.", String.join("", deltas));
    assertTrue(sim.requests().get(0).json().get("stream").asBoolean());
  }

  @Test
  void aCallbackReceivesTheDeltasAndTheMethodReturnsTheWholeText() {
    sim.enqueueReply("A short story about a cat.");
    List<String> seen = new ArrayList<>();

    String whole = shop.storyTo("cats", seen::add);

    assertEquals("A short story about a cat.", whole);
    assertEquals(whole, String.join("", seen));
  }

  @Test
  void defaultMethodsCallThroughAndObjectMethodsBehave() {
    sim.enqueueReply("yes");

    assertEquals("Please: yes", shop.politely("ok?"));
    assertEquals("Shop[declaude service]", shop.toString());
    assertEquals(shop, shop);
    assertInstanceOf(GeneratedService.class, shop);
    assertTrue(!shop.equals(client.create(Shop.class)));
    assertEquals(shop.getClass(), client.create(Shop.class).getClass());
  }

  interface Coach {
    @ClaudePrompt(
        system = "You are a terse coach.",
        value = "{exercise}?",
        maxTokens = 50,
        temperature = 0.3,
        stopSequences = {"###"},
        turns = {
          @Turn(role = Role.USER, text = "Squats?"),
          @Turn(role = Role.ASSISTANT, text = "Knees out.")
        })
    String advise(String exercise);
  }

  @Test
  void fewShotTurnsComeBeforeTheUserMessageAndEverySettingIsSent() {
    sim.enqueueReply("Back straight.");

    client.create(Coach.class).advise("Deadlifts");

    assertEquals(
        "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":50,\"system\":\"You are a terse coach.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Squats?\"},{\"role\":\"assistant\",\"content\":\"Knees out.\"},"
            + "{\"role\":\"user\",\"content\":\"Deadlifts?\"}],\"temperature\":0.3,\"stop_sequences\":[\"###\"]}",
        sim.requests().get(0).body());
  }
}
