package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.error.ResponseFormatException;
import dev.declaude.wire.Conversation;
import dev.declaude.wire.Message;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: a structured call recorded its exchange before mapping the answer, so every {@code
 * ResponseFormatException} added two turns to the conversation. Contract: a call that does not
 * return normally appends nothing; a successful one appends exactly its user message and the
 * answer.
 */
class FailedCallsAppendNothingToTheConversationTest {
  record Order(String id, int quantity) {}

  interface Extractor {
    @ClaudePrompt("Extract the order from: {email}")
    Order extract(Conversation history, String email);

    @ClaudePrompt("Extract the order from: {email}")
    CompletableFuture<Order> extractAsync(Conversation history, String email);
  }

  private final Loopback api = new Loopback();

  private static String line(Message m) {
    String text =
        m.content().isText()
            ? m.content().text()
            : m.content().blocks().stream()
                .map(b -> b.text())
                .collect(java.util.stream.Collectors.joining());
    return m.role() + ": " + text;
  }

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void anAnswerThatIsNotTheTypeAppendsNothing() {
    api.server.enqueue(Loopback.answer("Sorry, I cannot find an order.", 10));
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      Conversation memory = new Conversation();

      assertThrows(
          ResponseFormatException.class,
          () -> client.create(Extractor.class).extract(memory, "Hi, I'd like some tea."));

      assertEquals(0, memory.size());
    }
  }

  @Test
  void anAsynchronousAnswerThatIsNotTheTypeAppendsNothing() {
    api.server.enqueue(Loopback.answer("Sorry, I cannot find an order.", 10));
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      Conversation memory = new Conversation();

      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  client
                      .create(Extractor.class)
                      .extractAsync(memory, "Hi, I'd like some tea.")
                      .get());

      assertEquals(ResponseFormatException.class, e.getCause().getClass());
      assertEquals(0, memory.size());
    }
  }

  @Test
  void aSuccessfulCallAppendsExactlyItsUserMessageAndTheAnswer() throws Exception {
    api.server.enqueue(Loopback.answer("{\"id\":\"A-7\",\"quantity\":2}", 10));
    api.server.enqueue(Loopback.answer("{\"id\":\"B-1\",\"quantity\":1}", 10));
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      Conversation memory = new Conversation();
      Extractor extractor = client.create(Extractor.class);

      assertEquals(new Order("A-7", 2), extractor.extract(memory, "Two of A-7"));
      assertEquals(new Order("B-1", 1), extractor.extractAsync(memory, "One B-1").get());

      assertEquals(
          List.of(
              "USER: Extract the order from: Two of A-7",
              "ASSISTANT: {\"id\":\"A-7\",\"quantity\":2}",
              "USER: Extract the order from: One B-1",
              "ASSISTANT: {\"id\":\"B-1\",\"quantity\":1}"),
          memory.messages().stream()
              .map(FailedCallsAppendNothingToTheConversationTest::line)
              .toList());
    }
  }
}
