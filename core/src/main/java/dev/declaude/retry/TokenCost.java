package dev.declaude.retry;

/**
 * What one request spends of the API's token limits: its input tokens and its output tokens. Before
 * a request goes, the {@link Pacer} reserves its cost in each token bucket it mirrors (input
 * tokens, output tokens, and the combined tokens limit); when the answer's {@code usage} arrives,
 * what the request really spent replaces the reservation.
 *
 * <pre>{@code
 * TokenCost cost = TokenCost.of(estimatedInputTokens, maxTokens);
 * Answer a = engine.execute(policy, cost,
 *     answer -> TokenCost.of(answer.inputTokens(), answer.outputTokens()),
 *     () -> send(request));
 * }</pre>
 *
 * <p>{@code ClaudeClient} and generated services do this for every request; code of your own that
 * calls the API through the engine may too.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenCost {
  /** The cost of a call that says nothing of its tokens: the pacer reserves none for it. */
  public static final TokenCost NONE = new TokenCost(0, 0);

  private final long inputTokens;
  private final long outputTokens;

  private TokenCost(long inputTokens, long outputTokens) {
    this.inputTokens = inputTokens;
    this.outputTokens = outputTokens;
  }

  /**
   * Returns the cost of {@code inputTokens} input and {@code outputTokens} output tokens. Reserved
   * before a request, the output is its {@code max_tokens} (the API counts it against the output
   * tokens per minute when the request starts); spent, the tokens its answer reports.
   *
   * @throws IllegalArgumentException if either count is negative, or their sum beyond {@code long}
   */
  public static TokenCost of(long inputTokens, long outputTokens) {
    if (inputTokens < 0 || outputTokens < 0 || inputTokens > Long.MAX_VALUE - outputTokens) {
      throw new IllegalArgumentException(
          "token counts must be >= 0 and add up to a long, were input "
              + inputTokens
              + " and output "
              + outputTokens);
    }
    return inputTokens == 0 && outputTokens == 0 ? NONE : new TokenCost(inputTokens, outputTokens);
  }

  /** Returns the input tokens: those counted against input tokens per minute. */
  public long inputTokens() {
    return inputTokens;
  }

  /** Returns the output tokens. */
  public long outputTokens() {
    return outputTokens;
  }

  /** Returns the tokens the combined tokens limit counts: input and output together. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Returns whether this cost reserves nothing. */
  public boolean isNone() {
    return inputTokens == 0 && outputTokens == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenCost c
        && c.inputTokens == inputTokens
        && c.outputTokens == outputTokens;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(inputTokens) * 31 + Long.hashCode(outputTokens);
  }

  @Override
  public String toString() {
    return "TokenCost{input=" + inputTokens + ", output=" + outputTokens + '}';
  }
}
