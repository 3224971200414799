package dev.declaude.response;

/**
 * The rate limits a response reported, one {@link RateLimit} per header family; a family the
 * response did not carry is {@code null}.
 *
 * <p>The standard families are {@code anthropic-ratelimit-{requests,tokens,input-tokens,
 * output-tokens}-*}; the Priority Tier families, {@code
 * anthropic-priority-{input,output}-tokens-*}, come only on responses of organisations with
 * Priority Tier capacity. The API rounds every token family's {@code remaining} to the nearest
 * thousand.
 *
 * @param requests {@code anthropic-ratelimit-requests-*}
 * @param tokens {@code anthropic-ratelimit-tokens-*}: the most restrictive token limit in effect
 * @param inputTokens {@code anthropic-ratelimit-input-tokens-*}
 * @param outputTokens {@code anthropic-ratelimit-output-tokens-*}
 * @param priorityInputTokens {@code anthropic-priority-input-tokens-*}
 * @param priorityOutputTokens {@code anthropic-priority-output-tokens-*}
 */
public record RateLimits(
    RateLimit requests,
    RateLimit tokens,
    RateLimit inputTokens,
    RateLimit outputTokens,
    RateLimit priorityInputTokens,
    RateLimit priorityOutputTokens) {

  /** Rate limits of a response that carried none of the headers. */
  public static final RateLimits NONE = new RateLimits(null, null, null, null);

  /** Returns the standard families of a response that carried no Priority Tier headers. */
  public RateLimits(
      RateLimit requests, RateLimit tokens, RateLimit inputTokens, RateLimit outputTokens) {
    this(requests, tokens, inputTokens, outputTokens, null, null);
  }

  /** Returns whether no rate-limit header was present. */
  public boolean isEmpty() {
    return requests == null
        && tokens == null
        && inputTokens == null
        && outputTokens == null
        && priorityInputTokens == null
        && priorityOutputTokens == null;
  }
}
