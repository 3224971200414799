package dev.declaude.spring;

import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.ratelimit.StateChange;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A store that keeps its state in this process, as the default does, and records which domains it
 * was asked for.
 */
final class RecordingStore implements RateLimitStore {
  private final Set<String> domains = ConcurrentHashMap.newKeySet();

  /** Returns the domains whose state a change was made to. */
  Set<String> domains() {
    return Set.copyOf(domains);
  }

  @Override
  public <T> CompletionStage<T> update(
      String domain, RateLimitState<T> state, long localMillis, StateChange<T> change) {
    domains.add(domain);
    // Its own entries, apart from the state of every other test's domains
    return RateLimitStore.inProcess().update("recording:" + domain, state, localMillis, change);
  }

  @Override
  public CompletionStage<Void> publish(String domain, String message) {
    return RateLimitStore.inProcess().publish("recording:" + domain, message);
  }

  @Override
  public AutoCloseable subscribe(String domain, Consumer<String> listener) {
    return RateLimitStore.inProcess().subscribe("recording:" + domain, listener);
  }
}
