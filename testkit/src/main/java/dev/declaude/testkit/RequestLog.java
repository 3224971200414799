package dev.declaude.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps the most recent received requests, up to a bound, and counts all of them. Thread-safe. */
final class RequestLog {
  private final int capacity;
  private final Deque<ReceivedRequest> kept = new ArrayDeque<>();
  private final AtomicInteger count = new AtomicInteger();

  RequestLog(int capacity) {
    this.capacity = capacity;
  }

  void add(ReceivedRequest request) {
    count.incrementAndGet();
    synchronized (kept) {
      // A long load run must not fill the heap: the oldest records go first.
      if (kept.size() == capacity) {
        kept.removeFirst();
      }
      kept.addLast(request);
    }
  }

  List<ReceivedRequest> snapshot() {
    synchronized (kept) {
      return List.copyOf(kept);
    }
  }

  int count() {
    return count.get();
  }

  void clear() {
    synchronized (kept) {
      kept.clear();
      count.set(0);
    }
  }
}
