package dev.declaude.retry;

import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.ratelimit.StateChange;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A shared store that can be switched off: it answers (keeping state in this process's store),
 * fails at once, or never answers at all. Counts the changes it answered.
 */
final class FlakyStore implements RateLimitStore {
  enum Mode {
    ANSWERS,
    FAILS,
    SILENT
  }

  private volatile Mode mode = Mode.ANSWERS;
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();

  void mode(Mode mode) {
    this.mode = mode;
  }

  /** Leaves the next change unanswered, as a store that pauses once would, then answers again. */
  void lateOnce() {
    unanswered.set(1);
  }

  /** Returns how many changes the store answered. */
  int answered() {
    return answered.get();
  }

  /** Returns how many times it was asked whether it is back. */
  int pings() {
    return pings.get();
  }

  private <T> CompletionStage<T> unless(Mode current) {
    return current == Mode.FAILS
        ? CompletableFuture.failedFuture(new IllegalStateException("store down"))
        : new CompletableFuture<>();
  }

  @Override
  public <T> CompletionStage<T> update(
      String domain, RateLimitState<T> state, long localMillis, StateChange<T> change) {
    Mode current = mode;
    if (current != Mode.ANSWERS) {
      return unless(current);
    }
    if (unanswered.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new CompletableFuture<>();
    }
    answered.incrementAndGet();
    // Its own entries: a different domain id than this process's, as a remote store's would be.
    return RateLimitStore.inProcess().update("flaky:" + domain, state, localMillis, change);
  }

  @Override
  public CompletionStage<Void> publish(String domain, String message) {
    Mode current = mode;
    return current == Mode.ANSWERS
        ? RateLimitStore.inProcess().publish("flaky:" + domain, message)
        : unless(current);
  }

  @Override
  public AutoCloseable subscribe(String domain, Consumer<String> listener) {
    return RateLimitStore.inProcess().subscribe("flaky:" + domain, listener);
  }

  @Override
  public CompletionStage<Void> ping() {
    pings.incrementAndGet();
    Mode current = mode;
    return current == Mode.ANSWERS ? CompletableFuture.completedFuture(null) : unless(current);
  }

  @Override
  public String toString() {
    return "FlakyStore";
  }
}
