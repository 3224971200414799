package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.annotation.RetryOn;
import dev.declaude.wire.Conversation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: the future a generated service returned was a {@code thenApply} child, so cancelling
 * it stopped nothing: the server still received every retry, the HTTP call was not aborted, and the
 * {@code Conversation} grew after the cancel. Cancelling now reaches the call underneath.
 */
class CancellingAServiceFutureStopsTheCallTest {
  @RetryOn(value = ErrorKind.SERVER, maxAttempts = 3, jitter = Jitter.NONE)
  interface Chat {
    @ClaudePrompt("{question}")
    CompletableFuture<String> reply(Conversation history, String question);
  }

  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void cancellingDuringABackoffDropsTheRetriesAndAppendsNothing() throws Exception {
    api.server.enqueue(Loopback.error(529, "overloaded_error", "Overloaded", "req_1"));
    api.server.enqueue(Loopback.ok());
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      Conversation memory = new Conversation();
      CompletableFuture<String> answer =
          client.create(Chat.class).reply(memory, "Where is my order?");
      api.scheduler.awaitScheduled(1);

      assertTrue(answer.cancel(true));
      api.scheduler.runAll();

      assertEquals(1, api.server.getRequestCount());
      assertEquals(0, memory.size());
      assertTrue(answer.isCancelled());
    }
  }

  @Test
  void cancellingAbortsTheHttpCallInFlightAndAppendsNothing() throws Exception {
    CountDownLatch idle = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    OkHttpClient http = new OkHttpClient();
    try (HostileServer silent = new HostileServer("", HostileServer.silentUntil(release));
        ClaudeClient client =
            api.client()
                .baseUrl(silent.baseUrl())
                .okHttpClient(http)
                .retryEngine(api.engine().build())
                .build()) {
      Conversation memory = new Conversation();
      CompletableFuture<String> answer =
          client.create(Chat.class).reply(memory, "Where is my order?");
      assertEquals(1, http.dispatcher().runningCallsCount());
      http.dispatcher().setIdleCallback(idle::countDown);

      answer.cancel(true);

      // The server never answers: the dispatcher goes idle only because the call in flight was
      // aborted.
      assertTrue(idle.await(10, TimeUnit.SECONDS));
      assertEquals(0, memory.size());
    } finally {
      release.countDown();
      http.dispatcher().executorService().shutdown();
    }
  }
}
