package dev.declaude.event;

import dev.declaude.response.ContextTruncation;
import java.util.Objects;

/**
 * A request that a {@code TRUNCATE_OLDEST} context policy shortened to fit the model's context
 * window.
 *
 * @param method the service method, as {@code Interface.method}
 * @param model the model of the request
 * @param truncation how many history turns were left out, and about how many tokens they held
 */
public record ContextTruncatedEvent(String method, String model, ContextTruncation truncation) {
  /**
   * Creates the event.
   *
   * @throws NullPointerException if an argument is null
   */
  public ContextTruncatedEvent {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(truncation, "truncation");
  }
}
