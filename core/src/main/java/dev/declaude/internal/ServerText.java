package dev.declaude.internal;

/**
 * Makes text a server sent safe to put in a log line or an exception message: control characters
 * and line breaks are escaped (so a server cannot forge log lines or move a terminal's cursor) and
 * the length is capped (so a server cannot flood a log). Stateless and thread-safe.
 */
public final class ServerText {
  /** The most characters of one server-sent string that reach a message or a log line. */
  public static final int MAX_CHARS = 500;

  private ServerText() {}

  /**
   * Returns {@code text} with every ISO control character (newlines, tabs, escape, ...) and every
   * line or paragraph separator written as a Java escape ({@code \n}, {@code \u001b}), cut after
   * {@link #MAX_CHARS} characters with {@code "..."}; {@code null} stays {@code null}.
   */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
    int shown = 0;
    for (int i = 0; i < text.length(); i++) {
      if (shown == MAX_CHARS) {
        return out.append("...").toString();
      }
      char c = text.charAt(i);
      shown++;
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
