package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 40;

  @Test
  void manyClientThreadsGetWellFormedAnswersAndAreAllCounted() throws Exception {
    try (ClaudeSimulator sim = ClaudeSimulator.builder().seed(3).build().start()) {
      sim.faultRate(0.20, Fault.status(529)).faultRate(0.05, Fault.status(500));
      RawClient client = new RawClient(sim);
      String body = RawClient.json(RawClient.request("Hi"));
      Set<String> requestIds = ConcurrentHashMap.newKeySet();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                    RawClient.Answer answer = client.messages(body);
                    assertTrue(Set.of(200, 500, 529).contains(answer.status()), answer.body());
                    if (answer.status() != 200) {
                      assertEquals(
                          answer.header("request-id"), answer.json().path("request_id").asText());
                    }
                    requestIds.add(answer.header("request-id"));
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      pool.shutdown();

      assertEquals(THREADS * REQUESTS_PER_THREAD, sim.requestCount());
      assertEquals(THREADS * REQUESTS_PER_THREAD, requestIds.size());
    }
  }
}
