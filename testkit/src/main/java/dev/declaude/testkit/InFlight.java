package dev.declaude.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the Messages requests being served, from arrival until their response is written in full,
 * and holds what must wait for that moment (giving back unused output tokens). Thread-safe.
 *
 * <p>MockWebServer serves each connection on one thread: read a request, dispatch it, write the
 * response, read the next. So the response of a request dispatched on a thread is complete when
 * that thread next reads from or closes its socket ({@link ServingSockets} reports both) or
 * dispatches again; {@link #responseComplete()} is called then, on that thread.
 */
final class InFlight {
  private final int max;
  private final AtomicInteger serving = new AtomicInteger();
  private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

  /** Creates a counter that lets {@code max} requests be served at once; 0 for no limit. */
  InFlight(int max) {
    this.max = max;
  }

  /**
   * Counts one more request on the calling (serving) thread until its response is complete.
   *
   * @return false, counting nothing, when the limit's worth of requests are being served already
   */
  boolean tryEnter() {
    if (max == 0) {
      return true;
    }
    int now;
    do {
      now = serving.get();
      if (now >= max) {
        return false;
      }
    } while (!serving.compareAndSet(now, now + 1));
    afterResponse(serving::decrementAndGet);
    return true;
  }

  /**
   * Runs {@code action} once the response the calling (serving) thread is about to write is
   * complete.
   */
  void afterResponse(Runnable action) {
    List<Runnable> actions = pending.get();
    if (actions == null) {
      actions = new ArrayList<>(2);
      pending.set(actions);
    }
    actions.add(action);
  }

  /** Runs what waited for the calling thread's last response; a no-op on any other thread. */
  void responseComplete() {
    List<Runnable> actions = pending.get();
    if (actions == null || actions.isEmpty()) {
      return;
    }
    List<Runnable> due = List.copyOf(actions);
    actions.clear();
    due.forEach(Runnable::run);
  }

  /** Returns how many requests are being served. */
  int serving() {
    return serving.get();
  }
}
