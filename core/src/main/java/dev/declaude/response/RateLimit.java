package dev.declaude.response;

import java.time.Instant;

/**
 * One family of the API's {@code anthropic-ratelimit-*} headers: requests, tokens, input tokens or
 * output tokens.
 *
 * <p>Each component is {@code null} when its header was absent or unreadable; the API rounds token
 * counts to the nearest thousand, so treat {@code remaining} as approximate.
 *
 * @param limit the most allowed in any rate-limit period ({@code ...-limit})
 * @param remaining what is left before the limit applies ({@code ...-remaining})
 * @param reset when the limit is fully replenished ({@code ...-reset}, RFC 3339)
 */
public record RateLimit(Long limit, Long remaining, Instant reset) {

  /** Returns whether the server reported nothing left of this limit. */
  public boolean isExhausted() {
    return remaining != null && remaining <= 0;
  }
}
