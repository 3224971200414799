package dev.declaude.event;

import dev.declaude.response.RateLimits;
import java.util.Objects;

/**
 * A response reported where the API's rate limits stand, for a client's rate-limit domain.
 *
 * @param domain the name of the client's rate-limit domain: its explicit name, or one derived from
 *     the base URL and a keyed hash of the API key (never the key)
 * @param rateLimits the limits the response reported
 */
public record RateLimitsEvent(String domain, RateLimits rateLimits) {
  /**
   * Creates the event.
   *
   * @throws NullPointerException if an argument is null
   */
  public RateLimitsEvent {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(rateLimits, "rateLimits");
  }
}
