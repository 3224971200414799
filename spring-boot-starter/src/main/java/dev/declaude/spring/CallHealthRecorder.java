package dev.declaude.spring;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.event.CallEvent;
import dev.declaude.event.ClaudeListener;
import dev.declaude.event.RateLimitsEvent;
import dev.declaude.response.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers what the client's own calls said about the server, for the health indicator: how the
 * last call ended and when, how many calls in a row the server failed to answer, and the rate
 * limits each domain last reported. Only listens; it never calls the API. Calls that sent no
 * request (a pacer's refusal) say nothing about the server and are not counted. Thread-safe.
 */
final class CallHealthRecorder implements ClaudeListener {
  /** How a call ended; {@code error} is null for a success. */
  record LastCall(Instant at, int attempts, ErrorKind error) {}

  /** What the recorder knows at one moment. */
  record Snapshot(
      LastCall lastCall, int serverFailuresInARow, Map<String, RateLimits> rateLimits) {}

  private final Clock clock;
  private final ConcurrentMap<String, RateLimits> rateLimits = new ConcurrentHashMap<>();
  private LastCall lastCall;
  private int serverFailuresInARow;

  CallHealthRecorder(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void onCall(CallEvent event) {
    if (event.attempts() == 0) {
      return;
    }
    ErrorKind error = event.succeeded() ? null : event.errorKind().orElse(null);
    lastCall = new LastCall(clock.instant(), event.attempts(), error);
    serverFailuresInARow =
        !event.succeeded() && saysServerIsNotAnswering(error) ? serverFailuresInARow + 1 : 0;
  }

  @Override
  public void onRateLimits(RateLimitsEvent event) {
    rateLimits.merge(event.domain(), event.rateLimits(), CallHealthRecorder::latest);
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(lastCall, serverFailuresInARow, new TreeMap<>(rateLimits));
  }

  /** A server error, a timeout or a broken connection: the server did not answer the request. */
  static boolean saysServerIsNotAnswering(ErrorKind kind) {
    return kind != null && kind.isWithin(ErrorKind.SERVER)
        || kind == ErrorKind.TIMEOUT
        || kind == ErrorKind.CONNECTION;
  }

  /** Keeps each limit of the newer report, and an older one's limits the newer did not report. */
  private static RateLimits latest(RateLimits older, RateLimits newer) {
    return new RateLimits(
        newer.requests() != null ? newer.requests() : older.requests(),
        newer.tokens() != null ? newer.tokens() : older.tokens(),
        newer.inputTokens() != null ? newer.inputTokens() : older.inputTokens(),
        newer.outputTokens() != null ? newer.outputTokens() : older.outputTokens(),
        newer.priorityInputTokens() != null
            ? newer.priorityInputTokens()
            : older.priorityInputTokens(),
        newer.priorityOutputTokens() != null
            ? newer.priorityOutputTokens()
            : older.priorityOutputTokens());
  }
}
