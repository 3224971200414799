package dev.declaude.regressions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression: a {@code Stream<String>} read to its end but not closed kept its connection, so five
 * drained streams held five connections. Reaching the end now releases it; {@code close()} still
 * releases it early.
 */
class DrainedStreamReleasesItsConnectionTest {
  interface Storyteller {
    @ClaudePrompt("Tell a story about {topic}")
    Stream<String> story(String topic);
  }

  private final Loopback api = new Loopback();

  @AfterEach
  void close() throws Exception {
    api.close();
  }

  @Test
  void fiveDrainedStreamsReuseOneConnection() throws Exception {
    for (int i = 0; i < 5; i++) {
      api.server.enqueue(Loopback.sse(Loopback.streamOf("Once ", "upon ", "a time.")));
    }
    try (ClaudeClient client = api.client().retryEngine(api.engine().build()).build()) {
      Storyteller teller = client.create(Storyteller.class);

      for (int i = 0; i < 5; i++) {
        // Drained, never closed: what a careless caller does.
        assertEquals("Once upon a time.", teller.story("tea").collect(Collectors.joining()));
      }

      for (int i = 0; i < 5; i++) {
        // The n-th request on one connection has sequence number n: each stream gave its connection
        // back.
        assertEquals(i, api.server.takeRequest(10, TimeUnit.SECONDS).getSequenceNumber());
      }
    }
  }
}
