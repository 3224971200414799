package dev.declaude.internal.ratelimit;

import dev.declaude.internal.ServerText;
import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.ratelimit.StateChange;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's access to the state of one rate-limit domain in its {@link RateLimitStore}, kept
 * going when the store is not.
 *
 * <p>Changes a call must wait for ({@link #now}) wait at most the store's {@link
 * RateLimitStore#maxWait()}; past that, the call goes on with this process's own store, seeded with
 * what the shared one last said, and the shared one's answer, when it comes, is still taken in. The
 * others ({@link #later}) are sent without waiting (and given the patience of ten bounds, at least
 * a second). A store that fails, or that has answered nothing within the bound for that patience,
 * is left: the domain carries on with this process's own store ({@link
 * RateLimitStore#inProcess()}), seeded with what the shared one last said, and one warning is
 * logged. While away, at most once per {@link #PROBE_MILLIS} a change {@linkplain
 * RateLimitStore#ping() pings} the store in the background; once it answers, the domain shares its
 * state again (logged at INFO). A call never fails, and never waits longer than the bound, because
 * of its store.
 *
 * <p>Each answer carries the offset of the store's clock from this process's ({@link Answer}), so
 * callers can move the store's instants to their own clock. Thread-safe. Never waits on the store
 * while holding a lock, and runs no change on a thread of its own.
 */
public final class SharedDomain {
  /** How often, at most, a store that went away is asked whether it is back, in ms. */
  public static final long PROBE_MILLIS = 1_000;

  private static final long NONE = Long.MIN_VALUE;
  private static final Logger LOG = LoggerFactory.getLogger(SharedDomain.class);

  private final String domain;
  private final RateLimitStore primary;
  private final RateLimitStore fallback = RateLimitStore.inProcess();
  private final boolean fallible;
  private final LongSupplier clock;
  private final long waitMillis;

  /**
   * How long the store may answer nothing in time before it counts as away: ten bounds, at least a
   * second. A pause of the JVM, of Redis or of a busy machine makes the calls in it go on without
   * the store, no more; counting late answers instead would leave the store whenever a few threads
   * happened to be late together.
   */
  private final long patienceMillis;

  private final AtomicBoolean probing = new AtomicBoolean();
  private final Map<String, Known<?>> known = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean away;
  private volatile long nextProbe;
  private volatile long offset;

  /**
   * Since when, on this process's clock, the store has answered nothing within the bound; NONE if
   * it does.
   */
  private final AtomicLong lateSince = new AtomicLong(NONE);

  /**
   * A value of the domain's state, and the offset of the clock of the store that gave it from ours.
   */
  public record Answer<T>(T value, long offset) {
    /** Returns the instant {@code storeMillis} of the store's clock on this process's clock. */
    public long toLocal(long storeMillis) {
      return storeMillis - offset;
    }
  }

  private record Known<T>(RateLimitState<T> state, T value, long offset) {}

  /**
   * Returns access to domain {@code domain} in {@code store}, reading this process's time from
   * {@code clock}.
   */
  public SharedDomain(String domain, RateLimitStore store, LongSupplier clock) {
    this.domain = domain;
    this.primary = store;
    this.fallible = store != fallback;
    this.clock = clock;
    this.waitMillis = Math.max(1, store.maxWait().toMillis());
    this.patienceMillis = Math.max(1_000, 10 * waitMillis);
  }

  /**
   * Returns whether the domain's state is kept in a store other processes share (even while that
   * store is away), not in this process alone.
   */
  public boolean isShared() {
    return fallible;
  }

  /** Returns the domain's id. */
  public String id() {
    return domain;
  }

  /**
   * Returns whether the domain's store went away and this process carries on with its own state.
   */
  public boolean isAway() {
    return away;
  }

  /**
   * Applies {@code change} and returns the value it left, waiting at most the store's {@link
   * RateLimitStore#maxWait()}; past that, or if it fails, applies it to this process's own store
   * instead.
   */
  public <T> Answer<T> now(RateLimitState<T> state, StateChange<T> change) {
    return now(state, clock.getAsLong(), change);
  }

  /** As {@link #now(RateLimitState, StateChange)}, at {@code local} on this process's clock. */
  public <T> Answer<T> now(RateLimitState<T> state, long local, StateChange<T> change) {
    if (!fallible) {
      return new Answer<>(
          fallback.update(domain, state, local, change).toCompletableFuture().join(), 0);
    }
    if (!away) {
      long[] storeNow = {local};
      CompletableFuture<T> answer =
          primary.update(domain, state, local, timed(change, storeNow)).toCompletableFuture();
      try {
        T value = answer.get(waitMillis, TimeUnit.MILLISECONDS);
        lateSince.set(NONE);
        return answered(state, value, storeNow[0] - local);
      } catch (InterruptedException e) {
        // Whoever interrupted wants this thread to stop: keep the flag; the store is not to blame.
        Thread.currentThread().interrupt();
      } catch (TimeoutException e) {
        long nowLocal = clock.getAsLong();
        lateSince.compareAndSet(NONE, nowLocal);
        long silent = nowLocal - lateSince.get();
        if (silent >= patienceMillis) {
          goAway("nothing answered within " + waitMillis + " ms for " + silent + " ms");
        } else {
          // This call goes on with what the store last said; what the store answers later is still
          // news.
          seedOwnStore(state);
          answer.thenAccept(late -> answered(state, late, storeNow[0] - local));
        }
      } catch (ExecutionException | RuntimeException e) {
        goAway(describe(e));
      }
    }
    return ownStore(state, change, local);
  }

  /**
   * Applies {@code change} without waiting for it, then hands the value it left to {@code then} (on
   * whichever thread the store answers on, at once for this process's store). A shared store that
   * fails or does not answer in time is left, and the change applied to this process's own store
   * instead.
   */
  public <T> void later(RateLimitState<T> state, StateChange<T> change, Consumer<Answer<T>> then) {
    later(state, clock.getAsLong(), change, then);
  }

  /**
   * As {@link #later(RateLimitState, StateChange, Consumer)}, at {@code local} on this process's
   * clock.
   */
  public <T> void later(
      RateLimitState<T> state, long local, StateChange<T> change, Consumer<Answer<T>> then) {
    if (!fallible || away) {
      then.accept(ownStore(state, change, local));
      return;
    }
    long[] storeNow = {local};
    primary
        .update(domain, state, local, timed(change, storeNow))
        .toCompletableFuture()
        .orTimeout(patienceMillis, TimeUnit.MILLISECONDS)
        .whenComplete(
            (value, failure) -> {
              try {
                if (failure == null) {
                  then.accept(answered(state, value, storeNow[0] - local));
                } else {
                  goAway(describe(failure));
                  then.accept(ownStore(state, change, clock.getAsLong()));
                }
              } catch (RuntimeException e) {
                LOG.warn("handling the answer of rate-limit store {} failed", primary, e);
              }
            });
  }

  /** Sends {@code message} to every process of the domain, this one included. */
  public void publish(String message) {
    if (!fallible || away) {
      fallback.publish(domain, message);
      return;
    }
    primary
        .publish(domain, message)
        .toCompletableFuture()
        .orTimeout(patienceMillis, TimeUnit.MILLISECONDS)
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                goAway(describe(failure));
                fallback.publish(domain, message);
              }
            });
  }

  /**
   * Calls {@code listener} with every message published to the domain, and the offset of the clock
   * of the store it came through. Stores may hold the listener weakly: the caller keeps it
   * reachable.
   */
  public void subscribe(BiConsumer<String, Long> listener) {
    Consumer<String> own = message -> listener.accept(message, 0L);
    // Stores hold listeners weakly: this domain keeps its own reachable for as long as it lives.
    listeners.add(own);
    fallback.subscribe(domain, own);
    if (fallible) {
      Consumer<String> shared = message -> listener.accept(message, offset);
      listeners.add(shared);
      try {
        primary.subscribe(domain, shared);
      } catch (RuntimeException e) {
        goAway(describe(e));
      }
    }
  }

  private static <T> StateChange<T> timed(StateChange<T> change, long[] storeNow) {
    return (current, storeMillis) -> {
      storeNow[0] = storeMillis;
      return change.apply(current, storeMillis);
    };
  }

  private <T> Answer<T> answered(RateLimitState<T> state, T value, long offsetMillis) {
    offset = offsetMillis;
    known.put(state.name(), new Known<>(state, value, offsetMillis));
    return new Answer<>(value, offsetMillis);
  }

  private <T> Answer<T> ownStore(RateLimitState<T> state, StateChange<T> change, long local) {
    probeIfDue(local);
    return new Answer<>(
        fallback.update(domain, state, local, change).toCompletableFuture().join(), 0);
  }

  private void goAway(String why) {
    synchronized (this) {
      if (away) {
        return;
      }
      away = true;
      nextProbe = clock.getAsLong() + PROBE_MILLIS;
    }
    for (Known<?> k : known.values()) {
      seed(k, clock.getAsLong());
    }
    LOG.warn(
        "rate-limit store {} did not answer ({}): rate-limit domain {} carries on with this process's own"
            + " pacing, retry budget and recovery until the store answers again",
        primary,
        why,
        domain);
  }

  /** Carries what the shared store last said of {@code state} into this process's store. */
  private void seedOwnStore(RateLimitState<?> state) {
    Known<?> k = known.get(state.name());
    if (k != null) {
      seed(k, clock.getAsLong());
    }
  }

  /** Carries what the shared store last said into this process's store, on this process's clock. */
  private <T> void seed(Known<T> k, long local) {
    if (k.state() instanceof TimeShift) {
      @SuppressWarnings("unchecked")
      TimeShift<T> shift = (TimeShift<T>) k.state();
      T value = shift.shifted(k.value(), -k.offset());
      fallback.update(domain, k.state(), local, (current, now) -> value);
    }
  }

  private void probeIfDue(long local) {
    if (!away || local < nextProbe || !probing.compareAndSet(false, true)) {
      return;
    }
    nextProbe = local + PROBE_MILLIS;
    CompletableFuture<Void> ping;
    try {
      ping = primary.ping().toCompletableFuture();
    } catch (RuntimeException e) {
      probing.set(false);
      return;
    }
    ping.orTimeout(patienceMillis, TimeUnit.MILLISECONDS)
        .whenComplete(
            (ok, failure) -> {
              probing.set(false);
              if (failure == null) {
                rejoin();
              }
            });
  }

  private void rejoin() {
    synchronized (this) {
      if (!away) {
        return;
      }
      away = false;
      lateSince.set(NONE);
    }
    LOG.info(
        "rate-limit store {} answers again: rate-limit domain {} shares its state again",
        primary,
        domain);
  }

  private String describe(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TimeoutException) {
      return "no answer within " + patienceMillis + " ms";
    }
    String message = cause.getMessage();
    return cause.getClass().getSimpleName()
        + (message == null ? "" : ": " + ServerText.escape(message));
  }

  @Override
  public String toString() {
    return "SharedDomain{" + domain + ", " + primary + (away ? ", away" : "") + '}';
  }
}
