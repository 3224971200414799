package dev.declaude.bench;

import dev.declaude.testkit.TokenEstimator;

/**
 * What one call of a load run sends: its user prompt and its {@code max_tokens}. Made from the
 * call's number alone, so every client sends the same requests.
 */
record LoadCall(String prompt, int maxTokens) {
  /** The {@code max_tokens} of an ordinary call. */
  static final int SHORT = 64;

  /** The {@code max_tokens} of a call that leaves room for a long answer. */
  static final int LONG = 4096;

  // Prompt sizes in tokens, from tens to a few thousand; the call number picks one, in a fixed
  // shuffle.
  private static final int[] SIZES = {20, 60, 150, 400, 900, 1600, 2500, 3500};
  private static final String FILLER =
      "Consider the following notes carefully before you answer the question. ";

  /**
   * Returns call {@code n} of the classic scenarios: a one-line question, {@value #SHORT} tokens at
   * most.
   */
  static LoadCall question(int n) {
    return new LoadCall("Question " + n + ": what is " + n + " squared?", SHORT);
  }

  /** Returns the question of call {@code n} with room for a {@value #LONG}-token answer. */
  static LoadCall roomyQuestion(int n) {
    return new LoadCall(question(n).prompt(), LONG);
  }

  /**
   * Returns call {@code n} with a prompt of tens to thousands of tokens, {@value #SHORT} tokens at
   * most.
   */
  static LoadCall sized(int n) {
    int tokens = SIZES[(n * 5) % SIZES.length];
    String question = question(n).prompt();
    StringBuilder text = new StringBuilder(tokens * TokenEstimator.CHARS_PER_TOKEN);
    while (text.length() + question.length() < tokens * TokenEstimator.CHARS_PER_TOKEN) {
      text.append(FILLER);
    }
    text.setLength(Math.max(0, tokens * TokenEstimator.CHARS_PER_TOKEN - question.length()));
    return new LoadCall(text + question, SHORT);
  }

  /**
   * Returns the input tokens the simulator counts for this call: its prompt plus one message's
   * overhead.
   */
  int inputTokens() {
    return TokenEstimator.tokens(prompt) + TokenEstimator.PER_MESSAGE_OVERHEAD;
  }
}
