package dev.declaude.testkit;

import static dev.declaude.testkit.AuthAndVersionTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CapacityTest {
  private static final String BODY = RawClient.json(RawClient.request("Hi"));
  private static final String STREAM = RawClient.json(RawClient.request("Hi").put("stream", true));

  // The first request to reach its reply waits here, holding its place, until the test lets it go.
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private ClaudeSimulator sim;

  private ClaudeSimulator start(int max) {
    sim =
        ClaudeSimulator.builder()
            .maxConcurrentRequests(max)
            .replier(
                request -> {
                  entered.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "done";
                })
            .build()
            .start();
    return sim;
  }

  @AfterEach
  void close() throws InterruptedException {
    release.countDown();
    background.shutdownNow();
    background.awaitTermination(10, TimeUnit.SECONDS);
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aRequestArrivingWhileTheLimitIsBeingServedGets529WithoutRetryAfter() throws Exception {
    // Given one request being served, on a client of its own
    RawClient first = new RawClient(start(1), RawClient.newHttp());
    Future<RawClient.Answer> held = background.submit(() -> first.messages(BODY));
    assertTrue(entered.await(10, TimeUnit.SECONDS));

    // When another arrives
    RawClient.Answer refused = new RawClient(sim, RawClient.newHttp()).messages(BODY);

    // Then it is refused as overloaded, with the documented body and nothing that says when to
    // retry
    assertError(refused, 529, "overloaded_error", "Overloaded");
    assertNull(refused.header("retry-after"));
    release.countDown();
    assertEquals(200, held.get(10, TimeUnit.SECONDS).status());
  }

  @Test
  void aPlaceIsFreeAgainOnceTheResponseHasBeenWritten() throws Exception {
    RawClient first = new RawClient(start(1), RawClient.newHttp());
    Future<RawClient.Answer> held = background.submit(() -> first.messages(BODY));
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    release.countDown();
    assertEquals(200, held.get(10, TimeUnit.SECONDS).status());

    // The same client reuses its connection, whose serving thread has finished writing the first
    // answer.
    assertEquals(200, first.messages(BODY).status());
  }

  @Test
  void aStreamedRequestCountsUntilItsStreamHasBeenWritten() throws Exception {
    RawClient first = new RawClient(start(1), RawClient.newHttp());
    Future<RawClient.Answer> held = background.submit(() -> first.messages(STREAM));
    assertTrue(entered.await(10, TimeUnit.SECONDS));

    assertEquals(529, new RawClient(sim, RawClient.newHttp()).messages(STREAM).status());

    release.countDown();
    List<StreamingTest.Event> events = StreamingTest.parse(held.get(10, TimeUnit.SECONDS).body());
    assertEquals("message_stop", events.get(events.size() - 1).name());
    assertEquals(200, first.messages(STREAM).status());
  }

  @Test
  void scriptedErrorsAndCountTokensDoNotNeedAPlace() throws Exception {
    RawClient first = new RawClient(start(1), RawClient.newHttp());
    Future<RawClient.Answer> held = background.submit(() -> first.messages(BODY));
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    RawClient other = new RawClient(sim, RawClient.newHttp());

    sim.enqueue(Fault.status(500));
    assertEquals(500, other.messages(BODY).status());
    String count = RawClient.json(RawClient.request("Hi").without("max_tokens"));
    assertEquals(200, other.post("/v1/messages/count_tokens", count).status());

    release.countDown();
    assertEquals(200, held.get(10, TimeUnit.SECONDS).status());
  }

  @Test
  void theBuilderRefusesALimitBelowOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClaudeSimulator.builder().maxConcurrentRequests(0));
    assertEquals("maxConcurrentRequests must be >= 1, was 0", e.getMessage());
  }
}
