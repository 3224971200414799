package dev.declaude.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static SseParser parser(String text) {
    return new SseParser(new BufferedReader(new StringReader(text)));
  }

  @Test
  void joinsMultiLineDataAndHonoursCrlf() throws IOException {
    SseParser p = parser("event: x\r\ndata: a\r\ndata:b\r\n\r\ndata: c\n\n");
    assertEquals(new SseEvent("x", "a\nb"), p.next());
    assertEquals(new SseEvent("message", "c"), p.next());
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
}
