package dev.declaude.response;

/**
 * What a {@code TRUNCATE_OLDEST} context policy dropped from a request to fit the model's context
 * window: how many of the oldest history turns, and about how many tokens they held. The turns
 * themselves stay in the caller's conversation; only the request sent went without them.
 *
 * @param droppedTurns the history turns left out of the request; 0 when nothing was dropped
 * @param droppedTokens the estimated input tokens of those turns
 */
public record ContextTruncation(int droppedTurns, long droppedTokens) {
  /** Nothing was dropped. */
  public static final ContextTruncation NONE = new ContextTruncation(0, 0);

  /**
   * Creates the record.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public ContextTruncation {
    if (droppedTurns < 0 || droppedTokens < 0) {
      throw new IllegalArgumentException(
          "dropped turns and tokens must be >= 0, were " + droppedTurns + " and " + droppedTokens);
    }
  }

  /** Returns whether any turn was dropped. */
  public boolean happened() {
    return droppedTurns > 0;
  }
}
