package dev.declaude.error;

import java.util.OptionalLong;

/**
 * 400: the request does not fit the model's context window. The API says so in one of two forms, both
 * parsed here:
 *
 * <ul>
 *   <li>{@code prompt is too long: N tokens > M maximum} (every model): {@link #inputTokens()} N, {@link
 *       #limit()} M;
 *   <li>{@code input length and `max_tokens` exceed context limit: A + B > C} (models before Claude 4.5):
 *       {@link #inputTokens()} A, {@link #maxTokens()} B, {@link #limit()} C.
 * </ul>
 */
public class ContextLengthExceededException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final long inputTokens;
  private final Long maxTokens;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param maxTokens the {@code max_tokens} the message counted, or {@code null} when it named none
   */
  public ContextLengthExceededException(FailedResponse response, long inputTokens, Long maxTokens, long limit) {
    super(ErrorKind.CONTEXT_LENGTH, response);
    this.inputTokens = inputTokens;
    this.maxTokens = maxTokens;
    this.limit = limit;
  }

  /** Returns the input tokens the API counted. */
  public long inputTokens() {
    return inputTokens;
  }

  /** Returns the {@code max_tokens} the API added to the input, in the second message form. */
  public OptionalLong maxTokens() {
    return maxTokens == null ? OptionalLong.empty() : OptionalLong.of(maxTokens);
  }

  /** Returns the tokens the request asked for: input, plus {@code max_tokens} when the message counted it. */
  public long tokens() {
    return maxTokens == null ? inputTokens : inputTokens + maxTokens;
  }

  /** Returns the most tokens the model accepted. */
  public long limit() {
    return limit;
  }

  /** Returns how many tokens must go for the request to fit: {@link #tokens()} minus {@link #limit()}. */
  public long excess() {
    return Math.max(0, tokens() - limit);
  }
}
