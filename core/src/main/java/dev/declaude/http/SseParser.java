package dev.declaude.http;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads server-sent events as the WHATWG HTML standard (§9.2.6) defines them: {@code field: value} lines,
 * {@code :} comments, multi-line {@code data}, a blank line dispatching the event; {@code id} and {@code
 * retry} are read and ignored (the Messages API uses neither). Not thread-safe.
 */
public final class SseParser {
  private final BufferedReader reader;

  /** Creates a parser over {@code reader}; {@link BufferedReader#readLine()} accepts LF, CR and CRLF. */
  public SseParser(BufferedReader reader) {
    this.reader = reader;
  }

  /**
   * Returns the next event, or {@code null} at the end of the input. An event cut off by the end of the
   * input (no blank line after it) is dropped, as the standard says.
   *
   * @throws IOException if reading fails
   */
  public SseEvent next() throws IOException {
    String event = null;
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new SseEvent(event == null ? "message" : event, data.toString());
        }
        event = null; // a frame with no data is not dispatched, and its name does not carry over
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : valueAfter(line, colon);
      if (field.equals("event")) {
        event = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return null;
  }

  private static String valueAfter(String line, int colon) {
    int start = colon + 1;
    if (start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    return line.substring(start);
  }
}
