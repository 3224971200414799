package dev.declaude.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.Overflow;
import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.testkit.ClaudeSimulator;
import dev.declaude.testkit.ClaudeSimulatorExtension;
import dev.declaude.wire.Conversation;
import dev.declaude.wire.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conversations with memory, and context policies against the simulator's enforced context window.
 */
class ConversationAndContextTest {
  @RegisterExtension static final ClaudeSimulatorExtension SIM = new ClaudeSimulatorExtension();

  // claude-haiku-4-5: a 200,000-token window; the simulator counts ceil(chars / 4) + 3 per message.
  interface Chat {
    @ClaudePrompt(
        value = "{question}",
        system = "You are a support agent.",
        model = "claude-haiku-4-5")
    String reply(Conversation history, String question);

    @ContextPolicy(Overflow.TRUNCATE_OLDEST)
    @ClaudePrompt(
        value = "{question}",
        system = "You are a support agent.",
        model = "claude-haiku-4-5")
    String replyTruncating(Conversation history, String question);

    @ContextPolicy(Overflow.TRUNCATE_OLDEST)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5")
    String replyTruncatingList(List<Message> history, String question);

    @ContextPolicy(Overflow.FAIL)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5")
    String replyOrFail(List<Message> history, String question);

    @ContextPolicy(value = Overflow.TRUNCATE_OLDEST, countTokens = true)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5")
    String replyCounting(List<Message> history, String question);
  }

  private ClaudeSimulator sim;
  private ClaudeClient client;
  private Chat chat;

  @BeforeEach
  void connect() {
    sim = SIM.simulator();
    client = ClaudeClient.builder().apiKey(sim.apiKey()).baseUrl(sim.baseUrl()).build();
    chat = client.create(Chat.class);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static List<Message> exchanges(int count, int charsEach) {
    List<Message> turns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      turns.add(Message.user("q" + i + " " + "x".repeat(charsEach)));
      turns.add(Message.assistant("a" + i + " " + "y".repeat(charsEach)));
    }
    return turns;
  }

  private static List<JsonNode> sentMessages(ClaudeSimulator sim, int request) {
    List<JsonNode> messages = new ArrayList<>();
    sim.requests().get(request).json().get("messages").forEach(messages::add);
    return messages;
  }

  /**
   * The shape the API requires of a truncated request: user first, roles alternating, user last.
   */
  private static void assertValidShape(List<JsonNode> messages) {
    assertEquals("user", messages.get(0).get("role").asText());
    for (int i = 1; i < messages.size(); i++) {
      assertTrue(
          !messages.get(i).get("role").asText().equals(messages.get(i - 1).get("role").asText()),
          "roles alternate at " + i);
    }
    assertEquals("user", messages.get(messages.size() - 1).get("role").asText());
  }

  @Test
  void aConversationRemembersEveryExchange() {
    Conversation memory = new Conversation();
    sim.enqueueReply("Sorry to hear that. Checking order 123.");
    sim.enqueueReply("It ships tomorrow.");

    chat.reply(memory, "My order 123 has not arrived.");
    String second = chat.reply(memory, "Any news?");

    assertEquals("It ships tomorrow.", second);
    assertEquals(4, memory.size());
    List<JsonNode> sent = sentMessages(sim, 1);
    assertEquals(
        List.of(
            "My order 123 has not arrived.",
            "Sorry to hear that. Checking order 123.",
            "Any news?"),
        sent.stream()
            .map(
                m ->
                    m.get("content").isTextual()
                        ? m.get("content").asText()
                        : m.get("content").get(0).get("text").asText())
            .toList());
  }

  @Test
  void aFailedCallAddsNothingToTheConversation() {
    Conversation memory = new Conversation();
    sim.enqueue(dev.declaude.testkit.Fault.overloaded());

    assertThrows(dev.declaude.error.OverloadedException.class, () -> chat.reply(memory, "hello?"));

    assertEquals(0, memory.size());
  }

  @Test
  void nothingIsDroppedWhenTheConversationFits() {
    Conversation memory = new Conversation(exchanges(10, 100));

    chat.replyTruncating(memory, "And now?");

    assertEquals(21, sentMessages(sim, 0).size());
    assertEquals(22, memory.size());
  }

  @Test
  void aLongConversationIsTruncatedToFitOnTheFirstTry() {
    // 200 turns of ~2,500 tokens: about 500,000 tokens, in a 200,000-token window
    Conversation memory = new Conversation(exchanges(100, 10_000));

    String answer = chat.replyTruncating(memory, "Summarise, please.");

    assertTrue(answer.startsWith("Simulated reply to: Summarise"), answer);
    assertEquals(1, sim.requestCount());
    List<JsonNode> sent = sentMessages(sim, 0);
    assertValidShape(sent);
    assertTrue(sent.size() < 201 && sent.size() > 60, "kept " + sent.size());
    assertTrue(sent.get(0).get("content").asText().startsWith("q"), "starts at a user question");
    assertEquals("Summarise, please.", sent.get(sent.size() - 1).get("content").asText());
    assertEquals("You are a support agent.", sim.requests().get(0).json().get("system").asText());
    // The conversation itself keeps every turn, plus the new exchange
    assertEquals(202, memory.size());
  }

  @Test
  void aConversationTheEstimateWronglyThoughtFitsIsRecoveredAfterThe400() {
    // 60,000 two-character turns: the local estimate sees ~60,000 tokens, the API (3 tokens of
    // overhead
    // per message) ~240,000, over the 200,000-token window
    List<Message> history = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      history.add(Message.user("ok"));
      history.add(Message.assistant("ok"));
    }

    String answer = chat.replyTruncatingList(history, "Still there?");

    assertEquals("Simulated reply to: Still there?", answer);
    assertEquals(2, sim.requestCount());
    assertEquals(60_001, sentMessages(sim, 0).size());
    List<JsonNode> second = sentMessages(sim, 1);
    assertValidShape(second);
    assertTrue(second.size() < 50_000, "cut again to " + second.size());
  }

  @Test
  void aSingleHugeUserTurnCannotFitAndFailsBeforeSendingWithTheNumbers() {
    String huge = "z".repeat(1_000_000); // 250,000 tokens in a 200,000-token window

    var e =
        assertThrows(
            ContextLengthExceededException.class,
            () -> chat.replyTruncatingList(exchanges(3, 10), huge));

    assertEquals(0, sim.requestCount());
    assertEquals(200_000, e.limit());
    assertEquals(250_000, e.inputTokens());
    assertEquals(6, e.dropped().size());
    assertEquals(0, e.status());
    assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
  }

  @Test
  void theFailPolicyRefusesAnOversizedRequestWithoutDroppingAnything() {
    var e =
        assertThrows(
            ContextLengthExceededException.class,
            () -> chat.replyOrFail(exchanges(100, 10_000), "Too much?"));

    assertEquals(0, sim.requestCount());
    assertTrue(e.dropped().isEmpty());
  }

  @Test
  void withoutAPolicyTheApisOwnRefusalComesBackTyped() {
    var e =
        assertThrows(
            ContextLengthExceededException.class,
            () -> chat.reply(new Conversation(exchanges(100, 10_000)), "Too much?"));

    assertEquals(1, sim.requestCount());
    assertEquals(400, e.status());
    assertEquals(200_000, e.limit());
    assertTrue(e.requestId().startsWith("req_"));
  }

  @Test
  void countingWithTheApiUsesTheCountTokensEndpoint() {
    chat.replyCounting(exchanges(100, 10_000), "Counted?");

    assertEquals("/v1/messages/count_tokens", sim.requests().get(0).path());
    assertEquals("/v1/messages", sim.requests().get(1).path());
    assertValidShape(sentMessages(sim, 1));
  }
}
