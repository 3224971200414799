package dev.declaude.bench;

import dev.declaude.testkit.TimelineEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What one client did in one scenario: per-call start and end instants (nanoTime), outcomes, and
 * the requests the simulator saw, in number and over time.
 */
final class LoadRun {
  final String client;
  final long startNanos;

  /** The run's start by the simulator's clock, from which the timeline is measured. */
  Instant startInstant;

  /** Every request the simulator received, with its arrival and status. */
  List<TimelineEntry> timeline = List.of();

  final long[] callStart;
  final long[] callEnd;
  final boolean[] succeeded;
  long endNanos;
  int requests;
  String firstFailure;

  LoadRun(String client, int calls, long startNanos) {
    this.client = client;
    this.startNanos = startNanos;
    this.callStart = new long[calls];
    this.callEnd = new long[calls];
    this.succeeded = new boolean[calls];
  }

  int calls() {
    return succeeded.length;
  }

  int successes() {
    int n = 0;
    for (boolean ok : succeeded) {
      n += ok ? 1 : 0;
    }
    return n;
  }

  int failures() {
    return calls() - successes();
  }

  double wallSeconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /**
   * Returns the seconds from the run's start to the end of its last successful call; 0 without one.
   */
  double lastSuccessSeconds() {
    long last = startNanos;
    for (int i = 0; i < calls(); i++) {
      if (succeeded[i]) {
        last = Math.max(last, callEnd[i]);
      }
    }
    return (last - startNanos) / 1e9;
  }

  /**
   * Returns (requests − successes) / successes: requests the server served for nothing, per useful
   * one.
   */
  double wastedPerSuccess() {
    int ok = successes();
    return ok == 0 ? Double.POSITIVE_INFINITY : (requests - ok) / (double) ok;
  }

  /**
   * Returns the {@code p}-quantile (nearest rank) of call latencies in ms; unfinished calls count
   * as ending at the run's end.
   */
  double latencyMillis(double p) {
    long[] latencies = new long[calls()];
    for (int i = 0; i < latencies.length; i++) {
      // A call that never started (the run was stopped) is counted from the run's start.
      latencies[i] = end(i) - (callStart[i] != 0 ? callStart[i] : startNanos);
    }
    return quantile(latencies, p) / 1e6;
  }

  /**
   * Returns the {@code p}-quantile of call completion instants, in ms after {@code instantNanos}.
   */
  double completionAfterMillis(long instantNanos, double p) {
    long[] offsets = new long[calls()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = end(i) - instantNanos;
    }
    return quantile(offsets, p) / 1e6;
  }

  private long end(int i) {
    return callEnd[i] != 0 ? callEnd[i] : endNanos;
  }

  private static long quantile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
