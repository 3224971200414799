package dev.declaude.ratelimit;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of one process: values kept as they are, changed under the lock of their entry, on the
 * caller's clock (so engines on virtual time stay exact), and answered at once. Entries unchanged
 * for their state's idle expiry (measured on the real clock) are dropped; listeners are held
 * weakly.
 *
 * <p>Thread-safe.
 */
final class InProcessStore implements RateLimitStore {
  static final InProcessStore SHARED = new InProcessStore();

  private static final Logger LOG = LoggerFactory.getLogger(InProcessStore.class);
  private static final int SWEEP_EVERY = 4096;
  private static final int SWEEP_LISTENERS_EVERY = 256;

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Map<String, List<WeakReference<Consumer<String>>>> listeners =
      new ConcurrentHashMap<>();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong subscriptions = new AtomicLong();

  private record Entry(Object value, long changedNanos, long idleNanos) {
    boolean expired(long nowNanos) {
      return nowNanos - changedNanos > idleNanos;
    }
  }

  @Override
  public <T> CompletionStage<T> update(
      String domain, RateLimitState<T> state, long localMillis, StateChange<T> change) {
    long nowNanos = System.nanoTime();
    Entry entry =
        entries.compute(
            domain + '\n' + state.name(),
            (key, old) -> {
              @SuppressWarnings("unchecked")
              T current = old == null || old.expired(nowNanos) ? state.initial() : (T) old.value();
              T next = change.apply(current, localMillis);
              return next == current && old != null && !old.expired(nowNanos)
                  ? old
                  : new Entry(next, nowNanos, state.idleExpiry().toNanos());
            });
    if (updates.incrementAndGet() % SWEEP_EVERY == 0) {
      entries.values().removeIf(e -> e.expired(nowNanos));
    }
    @SuppressWarnings("unchecked")
    T value = (T) entry.value();
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public CompletionStage<Void> publish(String domain, String message) {
    List<WeakReference<Consumer<String>>> subscribed = listeners.get(domain);
    if (subscribed != null) {
      for (WeakReference<Consumer<String>> ref : subscribed) {
        Consumer<String> listener = ref.get();
        if (listener == null) {
          subscribed.remove(ref);
          continue;
        }
        try {
          listener.accept(message);
        } catch (RuntimeException e) {
          LOG.warn("a rate-limit domain listener failed", e);
        }
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public AutoCloseable subscribe(String domain, Consumer<String> listener) {
    WeakReference<Consumer<String>> ref = new WeakReference<>(listener);
    if (subscriptions.incrementAndGet() % SWEEP_LISTENERS_EVERY == 0) {
      // Domains whose subscribers are all gone (unshared domains of engines long collected) are
      // forgotten.
      for (String d : listeners.keySet()) {
        listeners.computeIfPresent(
            d,
            (k, l) -> {
              l.removeIf(r -> r.get() == null);
              return l.isEmpty() ? null : l;
            });
      }
    }
    listeners.compute(
        domain,
        (d, l) -> {
          List<WeakReference<Consumer<String>>> list = l == null ? new CopyOnWriteArrayList<>() : l;
          list.add(ref);
          return list;
        });
    return () -> {
      List<WeakReference<Consumer<String>>> subscribed = listeners.get(domain);
      if (subscribed != null) {
        subscribed.remove(ref);
      }
    };
  }

  @Override
  public String toString() {
    return "RateLimitStore[in-process]";
  }
}
