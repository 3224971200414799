package dev.declaude.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.error.MalformedResponseException;
import java.io.IOException;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static final long CAP = 1024;

  private static SseParser parser(String text) {
    return new SseParser(new Buffer().writeUtf8(text), CAP, "the test stream");
  }

  /** A source that never ends, counting the bytes it gave. */
  private static final class Endless implements Source {
    private final byte filler;
    long given;

    Endless(char filler) {
      this.filler = (byte) filler;
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      long n = Math.min(byteCount, 100);
      for (long i = 0; i < n; i++) {
        sink.writeByte(filler);
      }
      given += n;
      return n;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }

  @Test
  void joinsMultiLineDataAndHonoursCrlf() throws IOException {
    SseParser p = parser("event: x\r\ndata: a\r\ndata:b\r\n\r\ndata: c\n\n");
    assertEquals(new SseEvent("x", "a\nb"), p.next());
    assertEquals(new SseEvent("message", "c"), p.next());
    assertNull(p.next());
  }

  @Test
  void honoursLinesEndedByALoneCarriageReturn() throws IOException {
    SseParser p = parser("event: x\rdata: a\r\rdata: b\r\n\r\n");
    assertEquals(new SseEvent("x", "a"), p.next());
    assertEquals(new SseEvent("message", "b"), p.next());
    assertNull(p.next());
  }

  @Test
  void dropsAnEventCutOffByTheEndOfInput() throws IOException {
    SseParser p = parser("event: a\ndata: 1\n\nevent: b\ndata: 2");
    assertEquals(new SseEvent("a", "1"), p.next());
    assertNull(p.next());
  }

  @Test
  void skipsCommentsAndFramesWithoutData() throws IOException {
    SseParser p = parser(": hello\n\nevent: lonely\n\nid: 7\nretry: 10\ndata: x\n\n");
    assertEquals(new SseEvent("message", "x"), p.next());
  }

  @Test
  void anEndlessLineFailsAfterReadingNoMoreThanTheCap() {
    Endless endless = new Endless('a');
    BufferedSource source = Okio.buffer(endless);
    SseParser p = new SseParser(source, CAP, "the stream (request-id req_1)");

    MalformedResponseException e = assertThrows(MalformedResponseException.class, p::next);

    assertEquals(
        "a line of the stream (request-id req_1) exceeds the 1024 bytes cap (maxStreamEventBytes);"
            + " stopped reading there. Raise ClaudeClient.builder().maxStreamEventBytes(...) if the API"
            + " really sends such events",
        e.getMessage());
    // One okio segment (8 KiB) may be read past the cap, never the stream.
    assertTrue(endless.given <= CAP + 8192, "read " + endless.given);
  }

  @Test
  void anEventWhoseDataLinesAddUpPastTheCapFails() {
    String line = "data: " + "x".repeat(400) + "\n";
    SseParser p = parser(line + line + line + "\n");

    MalformedResponseException e = assertThrows(MalformedResponseException.class, p::next);

    assertEquals(
        "an event's data of the test stream exceeds the 1024 bytes cap (maxStreamEventBytes);"
            + " stopped reading there. Raise ClaudeClient.builder().maxStreamEventBytes(...) if the API"
            + " really sends such events",
        e.getMessage());
  }
}
