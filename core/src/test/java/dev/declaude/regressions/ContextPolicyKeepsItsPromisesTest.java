package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ContextPolicy;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Overflow;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.ContextLengthExceededException;
import dev.declaude.error.InvalidRequestException;
import dev.declaude.event.ClaudeListener;
import dev.declaude.event.ContextTruncatedEvent;
import dev.declaude.internal.http.WireJson;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.response.ContextTruncation;
import dev.declaude.wire.Message;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Regressions of {@code @ContextPolicy}: truncation was silent; one absurd {@code
 * usage.input_tokens} poisoned the estimate for good; {@code count_tokens} ran outside the retry
 * policy and made an asynchronous method throw; the second cut after the API's "prompt is too long"
 * left no room for the answer; a refusal before sending was recognisable only by its status 0.
 */
// Reads the process's standard error, where every test logs: no other test class runs meanwhile.
@Isolated
class ContextPolicyKeepsItsPromisesTest {
  // claude-haiku-4-5: a 200,000-token window.
  @RetryOn(ErrorKind.RATE_LIMIT)
  interface Chat {
    @ContextPolicy(Overflow.TRUNCATE_OLDEST)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5", maxTokens = 4096)
    ClaudeResponse truncating(List<Message> history, String question);

    @ContextPolicy(Overflow.FAIL)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5", maxTokens = 4096)
    String failing(List<Message> history, String question);

    @ContextPolicy(value = Overflow.FAIL, countTokens = true)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5", maxTokens = 4096)
    String counting(List<Message> history, String question);

    @ContextPolicy(value = Overflow.FAIL, countTokens = true)
    @ClaudePrompt(value = "{question}", model = "claude-haiku-4-5", maxTokens = 4096)
    CompletableFuture<String> countingAsync(List<Message> history, String question);
  }

  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  /**
   * {@code pairs} exchanges whose every turn is {@code tokens} raw-estimated tokens (four
   * characters each).
   */
  private static List<Message> history(int pairs, int tokens) {
    List<Message> turns = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      turns.add(Message.user("q".repeat(tokens * 4)));
      turns.add(Message.assistant("a".repeat(tokens * 4)));
    }
    return turns;
  }

  private static long rawTokens(RecordedRequest request) throws Exception {
    JsonNode body = WireJson.mapper().readTree(request.getBody().readUtf8());
    long raw = 0;
    for (JsonNode m : body.get("messages")) {
      raw += (long) Math.ceil(m.get("content").asText().length() / 4.0);
    }
    return raw;
  }

  @Test
  void aTruncationIsLoggedReportedToListenersAndShownOnTheResponse() {
    List<ContextTruncatedEvent> events = new ArrayList<>();
    ClaudeListener listener =
        new ClaudeListener() {
          @Override
          public void onContextTruncated(ContextTruncatedEvent event) {
            events.add(event);
          }
        };
    api.server.enqueue(Loopback.ok());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    ClaudeResponse response;
    try (ClaudeClient client =
        api.client().retryEngine(api.engine().build()).listener(listener).build()) {
      Chat chat = client.create(Chat.class);
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        // 100 exchanges of 1,000 tokens a turn: 200,000 tokens, over the 194,880 left after
        // max_tokens and margin
        response = chat.truncating(history(100, 1_000), "And now?");
      } finally {
        System.setErr(err);
      }
    }

    ContextTruncation expected = new ContextTruncation(6, 6_000);
    assertEquals(expected, response.truncation());
    assertEquals(
        List.of(new ContextTruncatedEvent("Chat.truncating", "claude-haiku-4-5", expected)),
        events);
    String lines = log.toString(StandardCharsets.UTF_8);
    assertTrue(
        lines.contains(
            "INFO dev.declaude.internal.service.Invokers - Chat.truncating: dropped the 6 oldest"
                + " history turns (about 6000 tokens) to fit claude-haiku-4-5's context window"),
        lines);
    assertFalse(lines.contains("qqqq"), "never the turns' text");
  }

  @Test
  void oneAbsurdUsageDoesNotMakeEveryLaterCallRefusedLocally() {
    api.server.enqueue(Loopback.answer("Hi", 2_000_000_000L));
    api.server.enqueue(Loopback.answer("Hi", 100));
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      Chat chat = client.create(Chat.class);
      chat.failing(List.of(), "Hello");

      // 60,000 tokens of history: fine at four characters a token, refused if the estimate believed
      // 2e9
      assertEquals("Hi", chat.failing(history(30, 1_000), "Hello again"));
      assertEquals(2, api.server.getRequestCount());
    }
  }

  @Test
  void countTokensIsRetriedByTheMethodsPolicy() {
    api.server.enqueue(
        Loopback.error(429, "rate_limit_error", "Rate limited", "req_c")
            .setHeader("retry-after", "1"));
    api.server.enqueue(Loopback.json(200, "{\"input_tokens\":42}"));
    api.server.enqueue(Loopback.answer("Counted and answered.", 42));
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {

      assertEquals("Counted and answered.", client.create(Chat.class).counting(List.of(), "Hello"));

      assertEquals(3, api.server.getRequestCount());
    }
  }

  @Test
  void anAsynchronousMethodWhoseCountFailsReturnsAFailedFutureInsteadOfThrowing() {
    api.server.enqueue(Loopback.error(400, "invalid_request_error", "messages: bad", "req_c"));
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {

      CompletableFuture<String> answer =
          client.create(Chat.class).countingAsync(List.of(), "Hello");

      ExecutionException e =
          assertThrows(ExecutionException.class, () -> answer.get(10, TimeUnit.SECONDS));
      assertEquals(InvalidRequestException.class, e.getCause().getClass());
    }
  }

  @Test
  void theCutAfterTheApisOverflowLeavesRoomForTheAnswer() throws Exception {
    // 90 exchanges of 1,000 tokens a turn fit the estimate (180,000); the API counts 1.2 times as
    // many
    api.server.enqueue(
        Loopback.error(
            400,
            "invalid_request_error",
            "prompt is too long: 216003 tokens > 200000 maximum",
            "req_o"));
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      client.create(Chat.class).truncating(history(90, 1_000), "And now?");
    }

    long first = rawTokens(api.server.takeRequest());
    long second = rawTokens(api.server.takeRequest());
    double perRawToken = 216_003.0 / first;
    // The window less max_tokens (4,096) less the margin (1,024), as the first check budgets
    assertTrue(
        second * perRawToken <= 200_000 - 4_096 - 1_024,
        second * perRawToken + " tokens were sent");
  }

  @Test
  void aRefusalBeforeSendingSaysSoAndCountsItsMargin() {
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {

      ContextLengthExceededException e =
          assertThrows(
              ContextLengthExceededException.class,
              () -> client.create(Chat.class).failing(history(100, 1_000), "And now?"));

      assertFalse(e.wasSent());
      assertEquals(1_024, e.margin());
      // 200,000 history + 2 for the question + 4,096 max_tokens + 1,024 margin - 200,000 window
      assertEquals(5_122, e.excess());
      assertEquals(0, api.server.getRequestCount());
    }
  }
}
