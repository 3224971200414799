package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.OverloadedException;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Regressions: a non-declaude exception thrown on a later attempt dropped the failures of the
 * earlier ones; and the server's {@code error.message} went into INFO lines as sent, so a server
 * could forge log lines.
 */
// Reads the process's standard error, where every test logs: no other test class runs meanwhile.
@Isolated
class DiagnosticsAreNotLostOrForgedTest {
  private static final RetryPolicy SERVER = RetryPolicy.builder().retryOn(ErrorKind.SERVER).build();

  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void aForeignExceptionOnALaterAttemptKeepsTheEarlierFailures() {
    api.server.enqueue(Loopback.error(529, "overloaded_error", "Overloaded", "req_1"));
    RetryEngine engine = api.engine().build();
    try (ClaudeClient client = api.client().retryEngine(engine).build()) {
      int[] attempt = {0};

      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  engine.execute(
                      SERVER,
                      () -> {
                        if (attempt[0]++ == 0) {
                          return client.send(Loopback.request());
                        }
                        throw new IllegalStateException("the caller's own bug");
                      }));

      assertEquals(1, e.getSuppressed().length);
      assertEquals(OverloadedException.class, e.getSuppressed()[0].getClass());
      assertEquals(
          "529 overloaded_error: Overloaded (request-id req_1)", e.getSuppressed()[0].getMessage());
    }
  }

  @Test
  void aServerMessageCannotForgeLogLines() {
    String forged = "Overloaded\\n[main] INFO dev.declaude.Billing - refund approved\\u001b[2K";
    api.server.enqueue(Loopback.error(529, "overloaded_error", forged, "req_1"));
    api.server.enqueue(Loopback.ok());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    try (ClaudeClient client =
        api.client().retryEngine(api.engine().build()).defaultRetryPolicy(SERVER).build()) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        client.send(Loopback.request());
      } finally {
        System.setErr(err);
      }
    }

    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    String retry =
        lines.stream().filter(l -> l.contains("Retrying Claude call")).findFirst().orElseThrow();
    assertTrue(
        retry.contains(
            "(529 overloaded_error: Overloaded\\n[main] INFO dev.declaude.Billing - refund approved\\u001b[2K)"),
        retry);
    assertFalse(
        lines.stream().anyMatch(l -> l.startsWith("[main] INFO dev.declaude.Billing")),
        lines.toString());
  }
}
