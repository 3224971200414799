package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.internal.http.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClaudeSimulatorExtension.class)
class StreamingTest {
  private static final String REPLY = "The quick brown fox jumps over the lazy dog.";

  /** One parsed server-sent event. */
  record Event(String name, JsonNode data) {}

  @Test
  void aStreamSendsTheDocumentedEventsInOrder(ClaudeSimulator sim) throws IOException {
    sim.enqueueReply(REPLY);

    RawClient.Answer answer =
        new RawClient(sim).messages(RawClient.json(RawClient.request("Hi").put("stream", true)));

    assertEquals(200, answer.status());
    assertEquals("text/event-stream", answer.header("content-type"));
    List<Event> events = parse(answer.body());
    List<String> names = events.stream().map(Event::name).toList();
    int deltas = REPLY.length() / SseWriter.CHUNK_CHARS + 1;
    List<String> expected =
        new ArrayList<>(List.of("message_start", "ping", "content_block_start"));
    for (int i = 0; i < deltas; i++) {
      expected.add("content_block_delta");
    }
    expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
    assertEquals(expected, names);
    for (Event event : events) {
      assertEquals(event.name(), event.data().path("type").asText());
    }
  }

  @Test
  void theDeltasSpellTheReplyAndTheFinalUsageIsCumulative(ClaudeSimulator sim) throws IOException {
    sim.enqueueReply(REPLY);

    List<Event> events =
        parse(
            new RawClient(sim)
                .messages(RawClient.json(RawClient.request("Hi").put("stream", true)))
                .body());

    JsonNode start = events.get(0).data().path("message");
    assertEquals(0, start.path("content").size());
    assertTrue(start.path("stop_reason").isNull());
    assertEquals(RawClient.MODEL, start.path("model").asText());
    assertEquals(
        "{\"type\":\"text\",\"text\":\"\"}", events.get(2).data().path("content_block").toString());
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.name().equals("content_block_delta"))
        .forEach(
            e -> {
              assertEquals("text_delta", e.data().path("delta").path("type").asText());
              text.append(e.data().path("delta").path("text").asText());
            });
    assertEquals(REPLY, text.toString());
    JsonNode messageDelta = events.get(events.size() - 2).data();
    assertEquals("end_turn", messageDelta.path("delta").path("stop_reason").asText());
    assertEquals(
        TokenEstimator.tokens(REPLY), messageDelta.path("usage").path("output_tokens").asInt());
  }

  @Test
  void eachEventIsWrittenAsEventLineDataLineAndABlankLine(ClaudeSimulator sim) throws IOException {
    sim.enqueueReply("Hi");

    String body =
        new RawClient(sim)
            .messages(RawClient.json(RawClient.request("Hi").put("stream", true)))
            .body();

    assertTrue(body.startsWith("event: message_start\ndata: {\"type\":\"message_start\","), body);
    assertTrue(body.contains("\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\n"), body);
    assertTrue(body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), body);
  }

  static List<Event> parse(String body) throws IOException {
    List<Event> events = new ArrayList<>();
    for (String frame : body.split("\n\n")) {
      String[] lines = frame.split("\n");
      assertEquals(2, lines.length, frame);
      assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), frame);
      events.add(
          new Event(lines[0].substring(7), WireJson.mapper().readTree(lines[1].substring(6))));
    }
    return events;
  }
}
