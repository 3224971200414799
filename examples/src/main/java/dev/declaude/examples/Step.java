package dev.declaude.examples;

/** The example calls, in the order the main program makes them. */
public enum Step {
  CHAT_FIRST("Support chat, first message"),
  CHAT_SECOND("Support chat, second message (it remembers the first)"),
  EXTRACT("Extract an order into a record"),
  STORY("Stream a story"),
  OVERFLOW_UNGUARDED("A conversation too long for the context window, sent as it is"),
  OVERFLOW_TRUNCATED("The same conversation with a truncating context policy"),
  SDK_ANSWER("Official SDK call, @RetryOn woven in"),
  SDK_SPEND_CAP("Official SDK call when the spend cap is reached");

  private final String title;

  Step(String title) {
    this.title = title;
  }

  /** Returns what the step shows, for the printed story. */
  public String title() {
    return title;
  }
}
