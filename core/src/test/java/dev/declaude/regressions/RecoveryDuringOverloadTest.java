package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.Jitter;
import dev.declaude.error.OverloadedException;
import dev.declaude.response.ClaudeResponse;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: any success ended every caller's backoff after a 5xx or 529. Right after an outage;
 * wrong when the server is at capacity and sheds load, where it sent the retries straight back into
 * the overload. The early return now needs the recent outcomes to say the server is back.
 */
class RecoveryDuringOverloadTest {
  private static final RetryPolicy ONE_SECOND_BACKOFF =
      RetryPolicy.builder()
          .retryOn(ErrorKind.SERVER)
          .jitter(Jitter.NONE)
          .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1)
          .build();

  private final Loopback api = new Loopback();
  private final RetryEngine engine = api.engine().build();
  private final ClaudeClient once = api.client().retryEngine(engine).build();
  private final ClaudeClient retrying =
      api.client().retryEngine(engine).defaultRetryPolicy(ONE_SECOND_BACKOFF).build();

  @AfterEach
  void close() throws Exception {
    once.close();
    retrying.close();
    api.close();
  }

  private void overloaded() {
    api.server.enqueue(Loopback.error(529, "overloaded_error", "Overloaded", "req_o"));
    assertThrows(OverloadedException.class, () -> once.send(Loopback.request()));
  }

  private void succeeded() {
    api.server.enqueue(Loopback.ok());
    once.send(Loopback.request());
  }

  @Test
  void aSuccessWhileTheServerShedsLoadDoesNotEndOtherBackoffs() throws Exception {
    // Given a server that refuses a third of the calls with 529 and serves the rest
    for (int i = 0; i < 21; i++) {
      if (i % 3 == 0) {
        overloaded();
      } else {
        succeeded();
      }
    }
    api.server.enqueue(Loopback.error(529, "overloaded_error", "Overloaded", "req_a"));
    api.server.enqueue(Loopback.ok());
    CompletableFuture<ClaudeResponse> waiting = retrying.sendAsync(Loopback.request());
    api.scheduler.awaitScheduled(1);

    // When another call succeeds
    succeeded();

    // Then the waiting call keeps its 1 s backoff
    assertEquals(List.of(1000L), api.scheduler.delays());
    api.scheduler.runAll();
    assertEquals("Hello", waiting.join().text());
  }

  @Test
  void theFirstSuccessAfterAnOutageEndsOtherBackoffsAtOnce() throws Exception {
    // Given a server that served calls, then refused every call for over a second
    succeeded();
    overloaded();
    overloaded();
    api.time.advance(500);
    api.server.enqueue(Loopback.error(529, "overloaded_error", "Overloaded", "req_a"));
    api.server.enqueue(Loopback.ok());
    CompletableFuture<ClaudeResponse> waiting = retrying.sendAsync(Loopback.request());
    api.scheduler.awaitScheduled(1);
    api.time.advance(600);

    // When a call succeeds again
    succeeded();

    // Then the waiting call comes back now, not at the end of its second
    assertEquals(List.of(1000L, 0L), api.scheduler.delays());
    api.scheduler.runNext();
    assertEquals("Hello", waiting.join().text());
  }
}
