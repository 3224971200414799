package dev.declaude.retry;

import dev.declaude.internal.ratelimit.SharedDomain;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * What the engines of one rate-limit domain share in this process: access to the domain's state in
 * its store, the pacer with its queue of held callers, and the recovery signal. Engines of the same
 * store, domain and time source get the same parts ({@link #open}).
 *
 * <p>Thread-safe.
 */
final class DomainParts {
  private static final Map<Key, WeakReference<DomainParts>> OPEN = new HashMap<>();
  private static int pruneAt = 64;

  final SharedDomain shared;
  final Pacer pacer;
  final Recovery recovery;

  private record Key(RateLimitStore store, String domain, TimeSource time) {}

  private DomainParts(RateLimitStore store, RateLimitDomain domain, TimeSource time) {
    this.shared = new SharedDomain(domain.id(), store, time::millis);
    this.pacer = Pacer.shared(time, shared);
    // The retries a release sends should find the limits another process learned: read them now.
    this.recovery = new Recovery(shared, time::millis, pacer::refreshUnknownCopies);
  }

  /**
   * Returns the parts of {@code domain} in {@code store} for engines on {@code time}: the ones
   * another engine already uses, while it lives, else new ones.
   */
  static DomainParts open(RateLimitStore store, RateLimitDomain domain, TimeSource time) {
    Key key = new Key(store, domain.id(), time);
    synchronized (OPEN) {
      WeakReference<DomainParts> ref = OPEN.get(key);
      DomainParts parts = ref == null ? null : ref.get();
      if (parts == null) {
        parts = new DomainParts(store, domain, time);
        OPEN.put(key, new WeakReference<>(parts));
        if (OPEN.size() >= pruneAt) {
          // Parts no engine holds any longer are forgotten; the map grows only with live domains.
          OPEN.values().removeIf(r -> r.get() == null);
          pruneAt = Math.max(64, 2 * OPEN.size());
        }
      }
      return parts;
    }
  }
}
