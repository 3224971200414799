package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: after {@code close()} a synchronous call still succeeded (and reopened connections),
 * and an asynchronous one failed with a retryable {@code ClaudeConnectionException: executor
 * rejected}. Every call on a closed client now fails at once with {@code IllegalStateException},
 * never retried.
 */
class ClosedClientRefusesEveryCallTest {
  @RetryOn(ErrorKind.CONNECTION)
  interface Bot {
    @ClaudePrompt("{question}")
    String answer(String question);

    @ClaudePrompt("{question}")
    CompletableFuture<String> answerAsync(String question);
  }

  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void everyKindOfCallFailsAtOnce() {
    api.server.enqueue(Loopback.ok());
    ClaudeClient client = api.client().retryEngine(api.engine().build()).build();
    Bot bot = client.create(Bot.class);
    client.close();

    String closed = "this ClaudeClient is closed";
    assertEquals(
        closed,
        assertThrows(IllegalStateException.class, () -> client.send(Loopback.request()))
            .getMessage());
    assertEquals(
        closed,
        assertThrows(IllegalStateException.class, () -> client.stream(Loopback.request()))
            .getMessage());
    assertEquals(
        closed,
        assertThrows(IllegalStateException.class, () -> client.countTokens(Loopback.request()))
            .getMessage());
    assertEquals(
        closed, assertThrows(IllegalStateException.class, () -> bot.answer("Hi")).getMessage());
    assertEquals(
        closed,
        assertThrows(IllegalStateException.class, () -> client.create(Bot.class)).getMessage());
    assertEquals(closed, failureOf(client.sendAsync(Loopback.request())).getMessage());
    assertEquals(closed, failureOf(bot.answerAsync("Hi")).getMessage());

    assertEquals(0, api.server.getRequestCount());
    assertEquals(java.util.List.of(), api.time.sleeps());
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    Throwable cause = assertThrows(ExecutionException.class, future::get).getCause();
    assertEquals(IllegalStateException.class, cause.getClass());
    return cause;
  }
}
