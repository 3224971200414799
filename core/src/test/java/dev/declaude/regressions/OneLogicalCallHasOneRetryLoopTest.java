package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.annotation.RetryOn;
import dev.declaude.error.OverloadedException;
import dev.declaude.error.StreamInterruptedException;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regressions: a retried call (a woven {@code @RetryOn} method) that calls a generated service ran
 * two retry loops, 3 × 3 = 9 requests while {@code attempts()} said 3; and a stream that broke
 * after text reached a {@code Consumer<String>} kept its cause's retryable kind, so the outer loop
 * delivered the same words again. Now one logical call has one loop, and delivered text is never
 * delivered twice.
 */
class OneLogicalCallHasOneRetryLoopTest {
  @RetryOn(value = ErrorKind.SERVER, maxAttempts = 3)
  interface Bot {
    @ClaudePrompt("{question}")
    String answer(String question);

    @ClaudePrompt("{question}")
    void tell(String question, Consumer<String> text);
  }

  private static final RetryPolicy OUTER =
      RetryPolicy.builder().retryOn(ErrorKind.SERVER).maxAttempts(3).build();

  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void aServiceCalledInsideARetriedCallMakesOneAttemptPerOuterAttempt() {
    for (int i = 0; i < 9; i++) {
      api.server.enqueue(Loopback.error(529, "overloaded_error", "Overloaded", "req_" + i));
    }
    RetryEngine engine = api.engine().build();
    try (ClaudeClient client = api.client().retryEngine(engine).build()) {
      Bot bot = client.create(Bot.class);

      OverloadedException e =
          assertThrows(
              OverloadedException.class, () -> engine.execute(OUTER, () -> bot.answer("Hello?")));

      assertEquals(3, api.server.getRequestCount());
      assertEquals(3, e.attempts());
    }
  }

  @Test
  void textAlreadyDeliveredIsNeverDeliveredAgain() {
    for (int i = 0; i < 3; i++) {
      api.server.enqueue(Loopback.sse(Loopback.streamBrokenAfter("Hel")));
    }
    RetryEngine engine = api.engine().build();
    try (ClaudeClient client = api.client().retryEngine(engine).build()) {
      Bot bot = client.create(Bot.class);
      List<String> seen = new ArrayList<>();

      StreamInterruptedException e =
          assertThrows(
              StreamInterruptedException.class,
              () ->
                  engine.execute(
                      OUTER,
                      () -> {
                        bot.tell("Say hello", seen::add);
                        return null;
                      }));

      assertEquals(List.of("Hel"), seen);
      assertEquals("Hel", e.partialText());
      assertEquals(ErrorKind.OVERLOADED, e.kind());
      assertEquals(1, api.server.getRequestCount());
    }
  }
}
