package dev.declaude.examples;

import dev.declaude.retry.RetryEvent;
import dev.declaude.retry.RetryListener;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells each call's story as it happens: every failed attempt, the wait chosen and where it came
 * from.
 */
final class Narrator implements RetryListener {
  private final PrintStream out;
  private final AtomicInteger retries = new AtomicInteger();

  Narrator(PrintStream out) {
    this.out = out;
  }

  /** Starts counting the retries of a new call. */
  void begin() {
    retries.set(0);
  }

  /** Returns the attempts the current call has made so far, if it ends now. */
  int attempts() {
    return retries.get() + 1;
  }

  @Override
  public void onRetry(RetryEvent e) {
    retries.incrementAndGet();
    out.printf(
        "    attempt %d failed: %s%s; waiting %d ms (%s)%n",
        e.attempt() - 1,
        e.failure().getClass().getSimpleName(),
        e.requestId() == null ? "" : " (request-id " + e.requestId() + ")",
        e.delay().toMillis(),
        source(e));
  }

  @Override
  public void onPacingWait(RetryEvent e) {
    out.printf(
        "    holding attempt %d for %d ms: the rate limit has no room yet%n",
        e.attempt(), e.delay().toMillis());
  }

  private static String source(RetryEvent e) {
    switch (e.source()) {
      case RETRY_AFTER:
        return "the server's retry-after";
      case PACING:
        return "pacing";
      default:
        return "exponential backoff with jitter";
    }
  }
}
