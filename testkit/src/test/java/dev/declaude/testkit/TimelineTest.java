package dev.declaude.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
  private static final String BODY = RawClient.json(RawClient.request("Hi"));

  @Test
  void everyRequestIsRecordedWithItsArrivalAndTheStatusItGot() throws IOException {
    FakeClock clock = FakeClock.at(START);
    try (ClaudeSimulator sim =
        ClaudeSimulator.builder().clock(clock).rateLimit(1, 1).build().start()) {
      RawClient client = new RawClient(sim);
      client.messages(BODY);
      client.messages(BODY);
      clock.advance(Duration.ofMillis(1500));
      sim.enqueue(Fault.overloaded(), Fault.dropConnection());
      client.messages(BODY);
      assertThrows(IOException.class, () -> client.messages(BODY));

      List<TimelineEntry> timeline = sim.timeline();

      Instant later = START.plusMillis(1500);
      assertEquals(
          List.of(
              new TimelineEntry(START, 200),
              new TimelineEntry(START, 429),
              new TimelineEntry(later, 529),
              new TimelineEntry(later, 0)),
          timeline);
    }
  }

  @Test
  void anEntryTellsSuccessesFromRefusals() {
    assertTrue(new TimelineEntry(START, 200).isSuccess());
    assertTrue(new TimelineEntry(START, 429).isRateLimited());
    assertTrue(new TimelineEntry(START, 529).isOverloaded());
    assertFalse(new TimelineEntry(START, 0).isSuccess());
    assertFalse(new TimelineEntry(START, 500).isRateLimited());
  }

  @Test
  void resetClearsTheTimeline() throws IOException {
    try (ClaudeSimulator sim = ClaudeSimulator.builder().build().start()) {
      new RawClient(sim).messages(BODY);

      sim.reset();

      assertEquals(List.of(), sim.timeline());
    }
  }

  @Test
  void pastItsBoundTheOldestEntriesGo() {
    Timeline timeline = new Timeline(4);
    for (int i = 0; i < 6; i++) {
      timeline.add(START.plusSeconds(i), 200 + i);
    }

    assertEquals(
        List.of(
            new TimelineEntry(START.plusSeconds(2), 202),
            new TimelineEntry(START.plusSeconds(3), 203),
            new TimelineEntry(START.plusSeconds(4), 204),
            new TimelineEntry(START.plusSeconds(5), 205)),
        timeline.snapshot());
  }

  @Test
  void itGrowsAsNeededAndKeepsArrivalOrder() {
    Timeline timeline = new Timeline();
    // Recorded as answered: a later arrival may be answered first.
    timeline.add(START.plusSeconds(1), 200);
    timeline.add(START, 429);
    for (int i = 0; i < 1000; i++) {
      timeline.add(START.plusSeconds(2 + i), 200);
    }

    List<TimelineEntry> entries = timeline.snapshot();

    assertEquals(1002, entries.size());
    assertEquals(new TimelineEntry(START, 429), entries.get(0));
    assertEquals(new TimelineEntry(START.plusSeconds(1001), 200), entries.get(1001));
  }
}
