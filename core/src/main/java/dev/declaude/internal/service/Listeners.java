package dev.declaude.internal.service;

import dev.declaude.event.CallEvent;
import dev.declaude.event.ClaudeListener;
import dev.declaude.event.ContextTruncatedEvent;
import dev.declaude.event.RateLimitsEvent;
import dev.declaude.response.ContextTruncation;
import dev.declaude.response.RateLimits;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a client's listeners what it did; a listener's failure is logged, never propagated. Not an
 * API. Immutable, so thread-safe.
 */
public final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<ClaudeListener> listeners;

  /** Creates the listeners of a client, told in this order. */
  public Listeners(List<ClaudeListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Tells that a call ended. */
  public void call(CallEvent event) {
    if (!listeners.isEmpty()) {
      each(l -> l.onCall(event));
    }
  }

  /**
   * Tells that a response reported rate limits for {@code domain}; nothing when it reported none.
   */
  public void rateLimits(String domain, RateLimits limits) {
    if (!listeners.isEmpty() && !limits.isEmpty()) {
      RateLimitsEvent event = new RateLimitsEvent(domain, limits);
      each(l -> l.onRateLimits(event));
    }
  }

  void contextTruncated(String method, String model, ContextTruncation truncation) {
    ContextTruncatedEvent event = new ContextTruncatedEvent(method, model, truncation);
    each(l -> l.onContextTruncated(event));
  }

  private void each(Consumer<ClaudeListener> call) {
    for (ClaudeListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        // A listener must never change a call's outcome; its bug is reported, not propagated.
        LOG.warn("ClaudeListener {} threw; ignored", l, e);
      }
    }
  }
}
