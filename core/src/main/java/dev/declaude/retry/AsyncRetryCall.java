package dev.declaude.retry;

import dev.declaude.error.ClaudeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * One asynchronous call: starts attempts, waits through the scheduler, completes {@link #result}.
 *
 * <p>Thread-safe for its purpose: steps run one after another, but a cancel may come from any
 * thread at any time; {@code volatile} handles plus a re-check after each hand-off make sure
 * nothing started after a cancel survives it.
 */
final class AsyncRetryCall<T> {
  private final EngineParts parts;
  private final RetryCall call;
  private final IntFunction<CompletableFuture<T>> attempt;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile CompletableFuture<T> inFlight;
  private volatile RetryScheduler.Cancellable timer;
  private volatile AlarmTimer alarmTimer;
  private volatile Runnable forget = () -> {};

  AsyncRetryCall(EngineParts parts, RetryCall call, IntFunction<CompletableFuture<T>> attempt) {
    this.parts = parts;
    this.call = call;
    this.attempt = attempt;
  }

  CompletableFuture<T> start() {
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            stopPending();
          }
        });
    step(this::beforeAttempt);
    return result;
  }

  private void beforeAttempt() {
    if (result.isDone()) {
      return;
    }
    step(
        () -> {
          PacingHold hold = call.paceNextAttempt();
          if (hold == null) {
            runAttempt();
            return;
          }
          awaitHold(hold);
        });
  }

  /**
   * Runs the attempt once the pacer lets the held caller go, waiting again while it finds no room.
   */
  private void awaitHold(PacingHold hold) {
    Pacer pacer = parts.pacer();
    whenDue(
        hold.alarm(),
        () -> pacer.cancel(hold),
        () -> {
          PacingHold next = pacer.release(hold);
          if (next == null) {
            runAttempt();
          } else {
            awaitHold(next);
          }
        });
  }

  private void runAttempt() {
    if (result.isDone()) {
      // Let go by the pacer but cancelled since: its slot is freed unused.
      call.cancelled();
      return;
    }
    call.attemptStarting();
    CompletableFuture<T> future;
    try {
      int choice = call.choice();
      future = RetryScope.run(() -> attempt.apply(choice));
      if (future == null) {
        throw new NullPointerException("the attempt supplier returned null instead of a future");
      }
    } catch (Throwable t) {
      future = CompletableFuture.failedFuture(t);
    }
    inFlight = future;
    if (result.isDone()) {
      // Cancelled while the attempt was starting: stopPending may have missed it.
      future.cancel(true);
      call.cancelled();
      return;
    }
    future.whenComplete(this::afterAttempt);
  }

  private void afterAttempt(T value, Throwable error) {
    if (error == null) {
      call.succeeded(value);
      result.complete(value);
      return;
    }
    Throwable cause = unwrap(error);
    if (result.isDone()) {
      call.cancelled();
      return;
    }
    if (!(cause instanceof ClaudeException)) {
      call.abandoned(cause);
      result.completeExceptionally(cause);
      return;
    }
    step(() -> retryLater(call.onFailure((ClaudeException) cause)));
  }

  /**
   * Schedules the retry after {@code wait}; a backoff after a server error is rescheduled sooner
   * when a success of the client cuts it short (see {@link Recovery}).
   */
  private void retryLater(Wait wait) {
    Alarm a = call.recoverable(wait);
    if (a == null) {
      later(wait.millis(), this::beforeAttempt);
      return;
    }
    Recovery recovery = parts.recovery();
    long start = parts.time().millis();
    whenDue(
        a,
        () -> recovery.done(a),
        () -> {
          recovery.done(a);
          call.endedEarly(a, start);
          step(this::beforeAttempt);
        });
    // Registered only once its timer exists, so an early end always finds the timer to move.
    recovery.waiting(a);
    if (result.isDone()) {
      recovery.done(a);
    }
  }

  /**
   * Runs {@code next} when {@code alarm} is due, following its moves; {@code onCancel} undoes
   * whatever the wait registered if the call is cancelled first.
   */
  private void whenDue(Alarm alarm, Runnable onCancel, Runnable next) {
    forget = onCancel;
    AlarmTimer t = AlarmTimer.start(parts.scheduler(), parts.time(), alarm, () -> step(next));
    alarmTimer = t;
    if (result.isDone()) {
      t.cancel();
      onCancel.run();
    }
  }

  /** Runs {@code next} now when {@code millis} is 0, else schedules it; never blocks. */
  private void later(long millis, Runnable next) {
    if (millis <= 0) {
      next.run();
      return;
    }
    timer = parts.scheduler().schedule(() -> step(next), Duration.ofMillis(millis));
    if (result.isDone()) {
      timer.cancel();
    }
  }

  /** Runs a step, ending the call with whatever exception it throws. */
  private void step(Runnable body) {
    try {
      body.run();
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
  }

  private void stopPending() {
    AlarmTimer a = alarmTimer;
    if (a != null) {
      a.cancel();
    }
    forget.run();
    RetryScheduler.Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
    CompletableFuture<T> f = inFlight;
    if (f != null) {
      f.cancel(true);
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
