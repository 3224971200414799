package dev.declaude.internal.service;

import dev.declaude.wire.MessageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A method's model and its fallback models, in the order an overloaded call moves through them.
 * Immutable and thread-safe; {@link #forCall()} gives each call the state that logs its moves.
 */
final class ModelChoices {
  private static final Logger LOG = LoggerFactory.getLogger(ModelChoices.class);

  private final String where;
  private final List<String> models;

  ModelChoices(String where, String model, List<String> fallbacks) {
    this.where = where;
    List<String> all = new ArrayList<>();
    all.add(model);
    all.addAll(fallbacks);
    this.models = List.copyOf(all);
  }

  /** Returns how many fallback models there are. */
  int fallbacks() {
    return models.size() - 1;
  }

  /** Returns the choices as one call sees them. */
  Call forCall() {
    return new Call();
  }

  /** One call's way through the models: says once, at INFO, each time it moves on. */
  final class Call {
    // Attempts of one call run one after another, an asynchronous call's on other threads.
    private final AtomicInteger current = new AtomicInteger();

    /** Returns {@code request} addressed to choice {@code choice}: 0 is the method's own model. */
    MessageRequest on(int choice, MessageRequest request) {
      if (choice == 0) {
        return request;
      }
      int before = current.getAndSet(choice);
      if (before != choice) {
        LOG.info(
            "{}: {} is overloaded; falling back to {}",
            where,
            models.get(before),
            models.get(choice));
      }
      return request.withModel(models.get(choice));
    }
  }
}
