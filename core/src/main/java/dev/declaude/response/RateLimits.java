package dev.declaude.response;

/**
 * The rate limits a response reported, one {@link RateLimit} per header family; a family the
 * response did not carry is {@code null}.
 */
public record RateLimits(
    RateLimit requests, RateLimit tokens, RateLimit inputTokens, RateLimit outputTokens) {

  /** Rate limits of a response that carried none of the headers. */
  public static final RateLimits NONE = new RateLimits(null, null, null, null);

  /** Returns whether no rate-limit header was present. */
  public boolean isEmpty() {
    return requests == null && tokens == null && inputTokens == null && outputTokens == null;
  }
}
