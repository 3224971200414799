package dev.declaude.retry;

import dev.declaude.error.ClaudeException;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs calls under a {@link RetryPolicy}: the one retry engine behind generated services, the
 * low-level client and the AspectJ aspects.
 *
 * <pre>{@code
 * RetryEngine engine = RetryEngine.builder().build();
 * String text = engine.execute(policy, () -> transport.send(request));
 * }</pre>
 *
 * <p>Before every attempt (the first too) the {@link Pacer} may hold the call while the API's rate
 * limit has no room. After a failure the engine retries when all of these hold: the failure is a
 * {@link ClaudeException} of a kind the policy retries (nesting counts: {@code SERVER} covers
 * {@code OVERLOADED}); the server did not send {@code x-should-retry: false}; attempts remain; the
 * wait ends before the policy's deadline; and the {@link RetryBudget} of the engine's rate-limit
 * domain allows it. The wait is the policy's jittered backoff, raised to the server's {@code
 * retry-after} when that asks for more.
 *
 * <p>A backoff after a server error (5xx, 529) ends early once another attempt in the same
 * rate-limit domain (this engine's, another client's of the organisation, with a shared store
 * another process's) has succeeded: the server is healthy again, so callers come back at once
 * instead of sitting out seconds of jittered backoff, released in the order they started waiting,
 * one {@linkplain Pacer pacer} spacing apart so they do not all arrive in the same instant. A wait
 * the server asked for ({@code retry-after}) is never shortened below what it asked.
 *
 * <p>One logical call has one retry loop: a call made while another call's attempt runs on the same
 * thread (a generated service inside a woven {@code @RetryOn} method) makes a single attempt, and
 * the outer loop retries it. A {@link dev.declaude.error.StreamInterruptedException} (a stream that
 * broke after text reached the caller) is never retried, whatever its kind: retrying would deliver
 * the same text twice.
 *
 * <p>When the call stops, the <em>last</em> failure is thrown, with the earlier ones {@linkplain
 * Throwable#addSuppressed suppressed} in order and {@link ClaudeException#attempts()} set. A budget
 * refusal adds a {@link RetryBudgetExhaustedException} note ("retry budget spent") to it; an
 * interrupt adds the {@link InterruptedException}. Anything that is not a {@code ClaudeException}
 * is never retried and is rethrown unchanged, with the failures of earlier attempts suppressed in
 * it.
 *
 * <p>Budget, pacing and recovery keep their state in the engine's rate-limit domain ({@link
 * RetryEngineBuilder#rateLimitDomain}): engines of one domain share it. Thread-safe: one engine
 * serves every call of a client; each call keeps its own state.
 */
public final class RetryEngine {
  private final EngineParts parts;

  RetryEngine(EngineParts parts) {
    this.parts = parts;
  }

  /**
   * Returns a builder; with no settings it builds an engine on real time with the default budget.
   */
  public static RetryEngineBuilder builder() {
    return new RetryEngineBuilder();
  }

  /**
   * Runs {@code attempt} until it succeeds or the policy stops retrying, waiting on this thread.
   *
   * <p>A {@link Throwable} that is not a {@link ClaudeException} ends the call at once and is
   * rethrown unchanged, checked exceptions included (rethrown without wrapping, as {@code
   * pjp::proceed} in an aspect needs: the caller sees exactly what its method declares). An
   * interrupt while waiting ends the call at once, sets the thread's interrupt flag again and
   * throws the last failure with the {@link InterruptedException} suppressed in it (a {@link
   * PacingException} if no attempt was made yet).
   *
   * @return what the successful attempt returned
   * @throws ClaudeException the last failure when the call stops retrying, or a {@link
   *     PacingException} when the pacer held the first attempt past the deadline or was interrupted
   * @throws NullPointerException if {@code policy} or {@code attempt} is null
   */
  public <T> T execute(RetryPolicy policy, Attempt<T> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(attempt, "attempt");
    return executeWithFallbacks(policy.withoutFallbacks(), choice -> attempt.run());
  }

  /**
   * As {@link #execute(RetryPolicy, Attempt)}, for a call that may move to a fallback when what it
   * calls is overloaded ({@link RetryPolicyBuilder#fallbacks}): each attempt is told which choice
   * to run on.
   *
   * @throws NullPointerException if {@code policy} or {@code attempt} is null
   */
  public <T> T executeWithFallbacks(RetryPolicy policy, FallbackAttempt<T> attempt) {
    return executeWithFallbacks(policy, TokenCost.NONE, null, attempt);
  }

  /**
   * As {@link #execute(RetryPolicy, Attempt)}, for a request of known {@code cost}: each attempt
   * reserves it in the API's token buckets before it goes (and is held until they hold it), and a
   * successful one keeps only what {@code spent} reads from its answer ({@code null}, or a null
   * answer: what it reserved). A refused attempt (429) gives its reservation back.
   *
   * @throws PacingException of kind {@code INVALID_REQUEST}, before anything is sent, when {@code
   *     cost} is more than one of the API's token buckets can ever hold
   * @throws NullPointerException if {@code policy}, {@code cost} or {@code attempt} is null
   */
  public <T> T execute(
      RetryPolicy policy,
      TokenCost cost,
      Function<? super T, TokenCost> spent,
      Attempt<T> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(attempt, "attempt");
    return executeWithFallbacks(policy.withoutFallbacks(), cost, spent, choice -> attempt.run());
  }

  /**
   * As {@link #executeWithFallbacks(RetryPolicy, FallbackAttempt)}, for a request of known {@code
   * cost}; see {@link #execute(RetryPolicy, TokenCost, Function, Attempt)}.
   *
   * @throws NullPointerException if {@code policy}, {@code cost} or {@code attempt} is null
   */
  public <T> T executeWithFallbacks(
      RetryPolicy policy,
      TokenCost cost,
      Function<? super T, TokenCost> spent,
      FallbackAttempt<T> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(attempt, "attempt");
    return run(new RetryCall(parts, scoped(policy), cost, reader(spent), true), attempt);
  }

  /** Runs {@code call}'s attempts until one succeeds or its policy stops retrying. */
  private <T> T run(RetryCall call, FallbackAttempt<T> attempt) {
    while (true) {
      awaitPacing(call, call.paceNextAttempt());
      call.attemptStarting();
      Wait wait;
      int choice = call.choice();
      try {
        T result = RetryScope.run(() -> attempt.run(choice));
        call.succeeded(result);
        return result;
      } catch (ClaudeException failure) {
        wait = call.onFailure(failure);
      } catch (Throwable other) {
        call.abandoned(other);
        throw RetryEngine.<RuntimeException>sneakyThrow(other);
      }
      awaitRetry(call, wait);
    }
  }

  /**
   * Runs the attempts {@code attempt} starts until one succeeds or the policy stops retrying,
   * without blocking a thread: waits are scheduled on the engine's {@link RetryScheduler}.
   *
   * <p>The returned future completes as {@link #execute} would return or throw (the failure is the
   * future's exception, not wrapped). Cancelling it stops retrying: a scheduled retry is dropped
   * and the attempt in flight is cancelled. A supplier that throws, or returns a failed future,
   * counts as a failed attempt.
   *
   * @throws NullPointerException if {@code policy} or {@code attempt} is null
   */
  public <T> CompletableFuture<T> executeAsync(
      RetryPolicy policy, Supplier<CompletableFuture<T>> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(attempt, "attempt");
    return executeAsyncWithFallbacks(policy.withoutFallbacks(), choice -> attempt.get());
  }

  /**
   * As {@link #executeAsync(RetryPolicy, Supplier)}, for a call that may move to a fallback when
   * what it calls is overloaded ({@link RetryPolicyBuilder#fallbacks}): each attempt is told which
   * choice to run on.
   *
   * @throws NullPointerException if {@code policy} or {@code attempt} is null
   */
  public <T> CompletableFuture<T> executeAsyncWithFallbacks(
      RetryPolicy policy, IntFunction<CompletableFuture<T>> attempt) {
    return executeAsyncWithFallbacks(policy, TokenCost.NONE, null, attempt);
  }

  /**
   * As {@link #executeAsyncWithFallbacks(RetryPolicy, IntFunction)}, for a request of known {@code
   * cost}; see {@link #execute(RetryPolicy, TokenCost, Function, Attempt)}. A request too large for
   * a token bucket fails the future.
   *
   * @throws NullPointerException if {@code policy}, {@code cost} or {@code attempt} is null
   */
  public <T> CompletableFuture<T> executeAsyncWithFallbacks(
      RetryPolicy policy,
      TokenCost cost,
      Function<? super T, TokenCost> spent,
      IntFunction<CompletableFuture<T>> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(attempt, "attempt");
    RetryCall call = new RetryCall(parts, scoped(policy), cost, reader(spent), true);
    return new AsyncRetryCall<>(parts, call, attempt).start();
  }

  /**
   * As {@link #execute(RetryPolicy, Attempt)}, for a call to an endpoint whose rate limits are not
   * the Messages API's ({@code count_tokens}, which is free and has requests limits of its own; the
   * Models or Files API): the pacer neither holds its attempts nor takes their answers as news of
   * the Messages limits. Retries, the retry budget and outage recovery apply as to any call.
   *
   * @throws NullPointerException if {@code policy} or {@code attempt} is null
   */
  public <T> T executeUnpaced(RetryPolicy policy, Attempt<T> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(attempt, "attempt");
    RetryCall call =
        new RetryCall(parts, scoped(policy.withoutFallbacks()), TokenCost.NONE, null, false);
    return run(call, choice -> attempt.run());
  }

  /**
   * As {@link #executeAsync(RetryPolicy, Supplier)}, for a call to an endpoint whose rate limits
   * are not the Messages API's; see {@link #executeUnpaced(RetryPolicy, Attempt)}.
   *
   * @throws NullPointerException if {@code policy} or {@code attempt} is null
   */
  public <T> CompletableFuture<T> executeAsyncUnpaced(
      RetryPolicy policy, Supplier<CompletableFuture<T>> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(attempt, "attempt");
    RetryCall call =
        new RetryCall(parts, scoped(policy.withoutFallbacks()), TokenCost.NONE, null, false);
    return new AsyncRetryCall<T>(parts, call, choice -> attempt.get()).start();
  }

  /**
   * As {@link #executeAsync(RetryPolicy, Supplier)}, for a request of known {@code cost}; see
   * {@link #execute(RetryPolicy, TokenCost, Function, Attempt)}.
   *
   * @throws NullPointerException if {@code policy}, {@code cost} or {@code attempt} is null
   */
  public <T> CompletableFuture<T> executeAsync(
      RetryPolicy policy,
      TokenCost cost,
      Function<? super T, TokenCost> spent,
      Supplier<CompletableFuture<T>> attempt) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(attempt, "attempt");
    return executeAsyncWithFallbacks(
        policy.withoutFallbacks(), cost, spent, choice -> attempt.get());
  }

  /** Returns {@code spent} as the call reads it: from whatever an attempt returned. */
  @SuppressWarnings("unchecked")
  private static <T> Function<Object, TokenCost> reader(Function<? super T, TokenCost> spent) {
    return spent == null ? null : result -> spent.apply((T) result);
  }

  /**
   * Returns {@code policy}, or one attempt of it inside another call's attempt: the outer loop
   * retries.
   */
  private static RetryPolicy scoped(RetryPolicy policy) {
    return RetryScope.active() ? policy.onlyOnce() : policy;
  }

  /**
   * Tells the engine what a successful response said (its rate-limit headers): the client's
   * transport does so for every success, so the engine can pace calls to the API's limits. Failures
   * need not be reported: the engine reads the ones its calls throw.
   *
   * @throws NullPointerException if {@code metadata} is null
   */
  public void observe(ResponseMetadata metadata) {
    parts.pacer().onResponse(metadata, parts.maxServerWait().toMillis());
  }

  /** Returns the pacer; for tests of this package. */
  Pacer pacer() {
    return parts.pacer();
  }

  /** Returns the time source the engine measures waits and deadlines on (virtual in tests). */
  public TimeSource timeSource() {
    return parts.time();
  }

  /** Returns the recovery signal of this engine's calls; for tests. */
  Recovery recovery() {
    return parts.recovery();
  }

  /**
   * Returns the longest server-requested wait this engine believes; see {@link
   * RetryEngineBuilder#maxServerWait}.
   */
  public Duration maxServerWait() {
    return parts.maxServerWait();
  }

  /**
   * Waits out the pacer's hold, if any, on its alarm, which moves earlier when the server shows
   * room; and again while the pacer finds no room once it is due (another client of the domain took
   * it).
   */
  private void awaitPacing(RetryCall call, PacingHold first) {
    PacingHold hold = first;
    while (hold != null) {
      try {
        parts.sleeper().sleepUntil(hold.alarm());
      } catch (InterruptedException e) {
        parts.pacer().cancel(hold);
        throw interrupted(call, e);
      }
      hold = parts.pacer().release(hold);
    }
  }

  /**
   * Waits before a retry: on an alarm a success may cut short after a server error, else plainly.
   */
  private void awaitRetry(RetryCall call, Wait wait) {
    Alarm alarm = call.recoverable(wait);
    if (alarm == null) {
      sleep(call, wait.millis());
      return;
    }
    long start = parts.time().millis();
    parts.recovery().waiting(alarm);
    try {
      parts.sleeper().sleepUntil(alarm);
    } catch (InterruptedException e) {
      throw interrupted(call, e);
    } finally {
      parts.recovery().done(alarm);
    }
    call.endedEarly(alarm, start);
  }

  private void sleep(RetryCall call, long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      parts.sleeper().sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      throw interrupted(call, e);
    }
  }

  private static ClaudeException interrupted(RetryCall call, InterruptedException e) {
    // Whoever interrupted wants this thread to stop; keep the flag for the code above us.
    Thread.currentThread().interrupt();
    return call.interrupted(e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  @Override
  public String toString() {
    return "RetryEngine{" + parts.budget() + ", " + parts.pacer() + '}';
  }
}
