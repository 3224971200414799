package dev.declaude.internal.service;

import java.util.concurrent.CompletableFuture;

/**
 * The future an asynchronous service method returns. Cancelling it cancels the call underneath it
 * (the retry engine's future, which drops scheduled retries and aborts the HTTP call in flight),
 * and a success settles together with its side effect (appending the exchange to the conversation):
 * a cancel that wins leaves the conversation untouched, and one that comes after the answer was
 * recorded fails, as a cancel of a completed future does.
 *
 * <p>Thread-safe.
 */
final class ServiceFuture<T> extends CompletableFuture<T> {
  private CompletableFuture<?> upstream;
  private boolean settled;

  /**
   * Makes {@code future} the call underneath, cancelled with this one (at once, if this one already
   * was).
   */
  void follow(CompletableFuture<?> future) {
    boolean cancelled;
    synchronized (this) {
      cancelled = isCancelled();
      upstream = cancelled ? null : future;
    }
    if (cancelled) {
      future.cancel(true);
    }
  }

  /**
   * Completes with {@code value} after running {@code effect}, unless this future was cancelled
   * first.
   */
  boolean succeed(T value, Runnable effect) {
    synchronized (this) {
      if (settled || isDone()) {
        return false;
      }
      settled = true;
      effect.run();
    }
    return complete(value);
  }

  /** Completes with {@code failure}, unless already settled. */
  boolean fail(Throwable failure) {
    synchronized (this) {
      if (settled || isDone()) {
        return false;
      }
      settled = true;
    }
    return completeExceptionally(failure);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    CompletableFuture<?> up;
    synchronized (this) {
      if (settled) {
        return isCancelled();
      }
      settled = true;
      up = upstream;
    }
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (up != null) {
      up.cancel(mayInterruptIfRunning);
    }
    return cancelled;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    // Dependents are plain futures: only this one carries the call underneath.
    return new CompletableFuture<>();
  }
}
