package dev.declaude.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The arrival instant and answer status of every API request, 16 bytes each in primitive arrays
 * that grow as needed, so a long load run does not fill the heap with objects. Past {@link
 * #MAX_ENTRIES} (or the bound given) the oldest entries are overwritten. Thread-safe.
 */
final class Timeline {
  /** The most entries kept: 16 MB at most. */
  static final int MAX_ENTRIES = 1_000_000;

  private final int max;
  private long[] seconds;
  private int[] nanos;
  private int[] statuses;
  private int first;
  private int size;

  Timeline() {
    this(MAX_ENTRIES);
  }

  /** Creates a timeline that keeps the latest {@code max} entries. */
  Timeline(int max) {
    this.max = max;
    int initial = Math.min(256, max);
    this.seconds = new long[initial];
    this.nanos = new int[initial];
    this.statuses = new int[initial];
  }

  /** Records one request. */
  synchronized void add(Instant at, int status) {
    if (size == seconds.length && size < max) {
      grow();
    }
    int index;
    if (size < seconds.length) {
      index = (first + size) % seconds.length;
      size++;
    } else {
      // Full at the bound: the oldest entry makes room.
      index = first;
      first = (first + 1) % seconds.length;
    }
    seconds[index] = at.getEpochSecond();
    nanos[index] = at.getNano();
    statuses[index] = status;
  }

  /** Returns the entries, oldest first by arrival instant. */
  synchronized List<TimelineEntry> snapshot() {
    List<TimelineEntry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int index = (first + i) % seconds.length;
      entries.add(
          new TimelineEntry(Instant.ofEpochSecond(seconds[index], nanos[index]), statuses[index]));
    }
    // Concurrent requests are recorded as they are answered, which may be out of arrival order.
    entries.sort(Comparator.comparing(TimelineEntry::at));
    return List.copyOf(entries);
  }

  /** Forgets every entry. */
  synchronized void clear() {
    first = 0;
    size = 0;
  }

  private void grow() {
    int length = (int) Math.min(max, seconds.length * 2L);
    long[] newSeconds = new long[length];
    int[] newNanos = new int[length];
    int[] newStatuses = new int[length];
    for (int i = 0; i < size; i++) {
      int index = (first + i) % seconds.length;
      newSeconds[i] = seconds[index];
      newNanos[i] = nanos[index];
      newStatuses[i] = statuses[index];
    }
    seconds = newSeconds;
    nanos = newNanos;
    statuses = newStatuses;
    first = 0;
  }
}
