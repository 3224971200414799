package dev.declaude.internal.http;

/** Checks API keys without ever quoting them. */
public final class ApiKeys {
  private ApiKeys() {}

  /**
   * Returns {@code key} if an HTTP header can carry it.
   *
   * @throws IllegalArgumentException if it is null, blank, or holds whitespace or non-ASCII
   *     characters; the message never quotes the key
   */
  public static String validate(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "no API key: set ANTHROPIC_API_KEY (or -Danthropic.apiKey) or call ClaudeClient.builder().apiKey(...)");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        // Never quote the key, not even in part: the message may end up in a log.
        throw new IllegalArgumentException(
            "the API key holds a character an HTTP header cannot carry (whitespace or non-ASCII) at position "
                + i
                + "; check how it was copied");
      }
    }
    return key;
  }
}
