package dev.declaude.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Where rate-limit domains keep their state: {@linkplain #inProcess() in this process} (the
 * default), or in a store that a fleet of processes shares, so that pods spending one
 * organisation's rate limit pace as one client ({@code declaude-redis}).
 *
 * <pre>{@code
 * ClaudeClient claude = ClaudeClient.builder().fromEnv()
 *     .rateLimitStore(RedisRateLimitStore.create("redis://redis:6379"))
 *     .build();
 * }</pre>
 *
 * <p><b>For implementers.</b> A store keeps values of {@link RateLimitState}s per domain id and
 * applies {@link StateChange}s to them atomically, reading its own clock; it never sees an API key.
 * A store may be slow or away: declaude waits at most {@link #maxWait()} for the answers a call
 * needs, then carries on with this process's own state, logs one warning, and comes back to the
 * store when it answers a {@link #ping()} again. A call never fails because its store did.
 * Implementations must be thread-safe and must not run changes or listeners while holding a lock
 * that a caller of this interface could be waiting for.
 */
public interface RateLimitStore extends AutoCloseable {
  /** Returns the store of this process: the default, shared by every client of the process. */
  static RateLimitStore inProcess() {
    return InProcessStore.SHARED;
  }

  /**
   * Applies {@code change} atomically to the state {@code state} of domain {@code domain}, and
   * completes with the value it leaves.
   *
   * @param localMillis the caller's clock: a store without a clock of its own (this process's)
   *     reads it; others read their own, the same for every process
   * @return the value after the change, or a failed stage if the store could not apply it
   */
  <T> CompletionStage<T> update(
      String domain, RateLimitState<T> state, long localMillis, StateChange<T> change);

  /**
   * Sends {@code message} to every listener of domain {@code domain}, in every process, this one
   * included.
   *
   * @return a stage that completes once the message is sent, or fails if it could not be
   */
  CompletionStage<Void> publish(String domain, String message);

  /**
   * Calls {@code listener} with every message published to domain {@code domain} from now on, until
   * the returned handle is closed. A store may hold the listener weakly: the subscriber keeps it
   * reachable.
   */
  AutoCloseable subscribe(String domain, Consumer<String> listener);

  /**
   * Returns how long a call waits for this store's answer, when it needs one, before it carries on
   * with its own process's state: 100 ms by default, a few round trips to a store in the same
   * region.
   */
  default Duration maxWait() {
    return Duration.ofMillis(100);
  }

  /**
   * Completes when the store answers; fails when it does not. The in-process store always answers.
   */
  default CompletionStage<Void> ping() {
    return CompletableFuture.completedFuture(null);
  }

  /** Releases the store's connections; the in-process store has none. */
  @Override
  default void close() {}
}
