package dev.declaude.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One request on the simulator's {@linkplain ClaudeSimulator#timeline() timeline}: when it arrived,
 * by the simulator's clock, and the status it was answered with.
 *
 * @param at the instant the simulator received the request
 * @param status the HTTP status of the answer, or {@code 0} when the connection was dropped without
 *     one
 */
public record TimelineEntry(Instant at, int status) {

  /**
   * Creates an entry.
   *
   * @throws NullPointerException if {@code at} is null
   */
  public TimelineEntry {
    Objects.requireNonNull(at, "at");
  }

  /** Returns whether the request was answered with a 2xx status. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Returns whether a rate limit refused the request: 429. */
  public boolean isRateLimited() {
    return status == 429;
  }

  /** Returns whether the server refused the request as overloaded: 529. */
  public boolean isOverloaded() {
    return status == 529;
  }
}
