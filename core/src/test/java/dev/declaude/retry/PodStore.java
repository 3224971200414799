package dev.declaude.retry;

import dev.declaude.ratelimit.RateLimitState;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.ratelimit.StateChange;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One pod's handle on a store that several pods share: it delegates everything to the shared store,
 * but is a store of its own, so each pod's engines get their own pacer and recovery, as in separate
 * processes, while the domain's state is one.
 */
final class PodStore implements RateLimitStore {
  private final RateLimitStore shared;

  PodStore(RateLimitStore shared) {
    this.shared = shared;
  }

  @Override
  public <T> CompletionStage<T> update(
      String domain, RateLimitState<T> state, long localMillis, StateChange<T> change) {
    return shared.update(domain, state, localMillis, change);
  }

  @Override
  public CompletionStage<Void> publish(String domain, String message) {
    return shared.publish(domain, message);
  }

  @Override
  public AutoCloseable subscribe(String domain, Consumer<String> listener) {
    return shared.subscribe(domain, listener);
  }
}
