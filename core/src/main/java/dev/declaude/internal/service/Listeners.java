package dev.declaude.internal.service;

import dev.declaude.event.ClaudeListener;
import dev.declaude.event.ContextTruncatedEvent;
import dev.declaude.response.ContextTruncation;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a client's listeners what its services did; a listener's failure is logged, never propagated. */
final class Listeners {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  private final List<ClaudeListener> listeners;

  Listeners(List<ClaudeListener> listeners) {
    this.listeners = List.copyOf(listeners);
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
