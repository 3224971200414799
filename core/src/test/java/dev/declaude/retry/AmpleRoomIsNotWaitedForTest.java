package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.internal.ratelimit.BucketMirror;
import dev.declaude.internal.ratelimit.SharedDomain;
import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.ratelimit.StateChange;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Regression: under a burst of retries after an outage, four pods racing for the same state in a
 * shared store made each attempt wait 20-80 ms for its take of a requests bucket of 5,000 a minute
 * that was nowhere near binding. A copy that shows far more room than the fleet could have spent
 * since the store last answered now takes without waiting; the store takes it in the background.
 */
class AmpleRoomIsNotWaitedForTest {
  private static final RateLimitState<BucketMirror> REQUESTS = BucketMirror.state("requests");

  /** A shared store that answers nothing while shut, as a busy store does, until opened. */
  private static final class GatedStore implements RateLimitStore {
    private final RateLimitStore inner = RateLimitStore.inProcess();
    private final List<Runnable> held = new ArrayList<>();
    private boolean shut;

    synchronized void shut() {
      shut = true;
    }

    void open() {
      List<Runnable> now;
      synchronized (this) {
        shut = false;
        now = List.copyOf(held);
        held.clear();
      }
      now.forEach(Runnable::run);
    }

    @Override
    public <T> CompletionStage<T> update(
        String domain, RateLimitState<T> state, long localMillis, StateChange<T> change) {
      CompletableFuture<T> answer = new CompletableFuture<>();
      Runnable apply =
          () ->
              inner
                  .update(domain, state, localMillis, change)
                  .whenComplete(
                      (v, e) -> {
                        if (e == null) {
                          answer.complete(v);
                        } else {
                          answer.completeExceptionally(e);
                        }
                      });
      synchronized (this) {
        if (shut) {
          held.add(apply);
          return answer;
        }
      }
      apply.run();
      return answer;
    }

    @Override
    public CompletionStage<Void> publish(String domain, String message) {
      return inner.publish(domain, message);
    }

    @Override
    public AutoCloseable subscribe(String domain, Consumer<String> listener) {
      return inner.subscribe(domain, listener);
    }

    /** Long enough that a call waiting for the store would make the test time out. */
    @Override
    public Duration maxWait() {
      return Duration.ofMinutes(5);
    }

    double requestsLeft(long at) {
      return inner
          .update("d", REQUESTS, at, (m, now) -> m)
          .toCompletableFuture()
          .join()
          .levelAt(at);
    }
  }

  private final FakeTime time = new FakeTime();
  private final GatedStore store = new GatedStore();
  private final Pacer pacer = Pacer.shared(time, new SharedDomain("d", store, time::millis));

  private static ResponseMetadata left(long remaining) {
    RateLimit requests = new RateLimit(5_000L, remaining, FakeTime.EPOCH.plusSeconds(60));
    return new ResponseMetadata(200, "req", new RateLimits(requests, null, null, null), null, null);
  }

  @Test
  void anAttemptWithAmpleRoomGoesWithoutWaitingForTheSharedStore() {
    // Given a fleet's copy of a requests bucket with 4,900 of 5,000 left, and a store that answers
    // nothing for now
    pacer.onResponse(left(4_900));
    store.shut();

    // When an attempt asks the pacer for room, it goes at once
    assertTimeoutPreemptively(
        Duration.ofSeconds(30), () -> assertNull(pacer.reserve(time.millis(), Long.MAX_VALUE)));

    // And the store takes the request once it answers
    double before = store.requestsLeft(time.millis());
    store.open();
    assertEquals(before - 1, store.requestsLeft(time.millis()), 1e-9);
  }

  @Test
  void roomIsAmpleOnlyWithHalfTheBucketAndTheFloorToSpare() {
    BucketMirror known =
        BucketMirror.state("requests")
            .initial()
            .afterReport(0, 5_000, 2_600, null, false, 0, 1, Long.MIN_VALUE);

    // half the bucket (as the mirror knows it: the most it saw left, plus one) to spare after the
    // take, and at least the floor
    double spare = known.levelAt(0) - 2_601 / 2.0;
    assertTrue(spare > 1, "level " + known.levelAt(0));
    assertTrue(known.hasAmpleRoom(0, spare, Pacer.AMPLE_REQUESTS));
    assertFalse(known.hasAmpleRoom(0, spare + 1, Pacer.AMPLE_REQUESTS));
    assertFalse(known.hasAmpleRoom(0, 1, known.levelAt(0)));
    assertFalse(new BucketMirror().hasAmpleRoom(0, 1, 0));
  }
}
