package dev.declaude.internal.http;

import dev.declaude.error.MalformedResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * Reads server-sent events as the WHATWG HTML standard (§9.2.6) defines them: {@code field: value}
 * lines ended by LF, CR or CRLF, {@code :} comments, multi-line {@code data}, a blank line
 * dispatching the event; {@code id} and {@code retry} are read and ignored (the Messages API uses
 * neither).
 *
 * <p>Bounded: a line, or an event's joined {@code data}, longer than {@code maxEventBytes} is a
 * {@link MalformedResponseException} naming the cap, thrown after buffering no more than the cap
 * (plus one read). Without the bound a server could send one endless line and exhaust the heap. Not
 * thread-safe.
 */
public final class SseParser {
  private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");

  private final BufferedSource source;
  private final long maxEventBytes;
  private final String what;
  // The last line ended with CR: an LF right after it belongs to the same line end (CRLF).
  private boolean skipLf;

  /**
   * Creates a parser over {@code source}.
   *
   * @param maxEventBytes the most bytes one line or one event's data may hold
   * @param what what is being read, for messages, such as {@code "the stream (request-id req_1)"}
   */
  public SseParser(BufferedSource source, long maxEventBytes, String what) {
    this.source = source;
    this.maxEventBytes = maxEventBytes;
    this.what = what;
  }

  /**
   * Returns the next event, or {@code null} at the end of the input. An event cut off by the end of
   * the input (no blank line after it) is dropped, as the standard says.
   *
   * @throws IOException if reading fails
   * @throws MalformedResponseException if a line or an event exceeds the cap
   */
  public SseEvent next() throws IOException {
    String event = null;
    StringBuilder data = null;
    long dataBytes = 0;
    String line;
    while ((line = readLine()) != null) {
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
        dataBytes += value.getBytes(StandardCharsets.UTF_8).length + 1;
        if (dataBytes > maxEventBytes) {
          throw tooLarge("an event's data");
        }
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
    return null;
  }

  /** Returns the next line without its end, or {@code null} at the end of the input. */
  private String readLine() throws IOException {
    Buffer buffer = source.getBuffer();
    if (skipLf) {
      if (!source.request(1)) {
        return null;
      }
      if (buffer.getByte(0) == '\n') {
        buffer.skip(1);
      }
      skipLf = false;
    }
    long scanned = 0;
    while (true) {
      long end = buffer.indexOfElement(LINE_ENDS, scanned);
      if (end >= 0) {
        if (end > maxEventBytes) {
          throw tooLarge("a line");
        }
        String line = buffer.readUtf8(end);
        skipLf = buffer.readByte() == '\r';
        return line;
      }
      scanned = buffer.size();
      if (scanned > maxEventBytes) {
        throw tooLarge("a line");
      }
      if (!source.request(scanned + 1)) {
        return buffer.size() == 0 ? null : buffer.readUtf8();
      }
    }
  }

  private MalformedResponseException tooLarge(String part) {
    return new MalformedResponseException(
        part
            + " of "
            + what
            + " exceeds the "
            + Bodies.describeBytes(maxEventBytes)
            + " cap (maxStreamEventBytes); stopped reading there. Raise"
            + " ClaudeClient.builder().maxStreamEventBytes(...) if the API really sends such events",
        null);
  }

  private static String valueAfter(String line, int colon) {
    int start = colon + 1;
    if (start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    return line.substring(start);
  }
}
