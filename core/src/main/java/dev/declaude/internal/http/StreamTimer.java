package dev.declaude.internal.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * The time limits of one streamed call, which OkHttp's call timeout cannot express: the response's
 * headers must arrive within the client's call timeout, and the whole stream must end within the
 * caller's own deadline if it set one; between those, only the read timeout (the longest silence
 * between two reads) applies, so a healthy stream that keeps sending events is never cut. Cancels
 * the call when a limit passes, and remembers which, so the failure can be reported as a timeout.
 * Thread-safe.
 */
final class StreamTimer implements AutoCloseable {
  private static final ScheduledThreadPoolExecutor TIMERS = timers();

  private final Call call;
  private final ScheduledFuture<?> headers;
  private final ScheduledFuture<?> total;
  private volatile String fired;

  private StreamTimer(Call call, Duration headersTimeout, Duration totalTimeout) {
    this.call = call;
    this.headers = schedule(headersTimeout, "no response headers within the call timeout of ");
    this.total = schedule(totalTimeout, "the stream did not end within its timeout of ");
  }

  /**
   * Arms the limits of {@code call}, which must have no OkHttp call timeout of its own.
   *
   * @param headersTimeout how long the headers may take, or {@code null} for no limit
   * @param totalTimeout how long the whole stream may take, or {@code null} for no limit
   */
  static StreamTimer arm(Call call, Duration headersTimeout, Duration totalTimeout) {
    return new StreamTimer(call, headersTimeout, totalTimeout);
  }

  private ScheduledFuture<?> schedule(Duration timeout, String why) {
    if (timeout == null || timeout.isZero()) {
      return null;
    }
    return TIMERS.schedule(
        () -> {
          fired = why + timeout.toMillis() + " ms";
          call.cancel();
        },
        timeout.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Stops the headers limit: they arrived. */
  void headersArrived() {
    if (headers != null) {
      headers.cancel(false);
    }
  }

  /** Returns why the call was cancelled for time, or {@code null} if it was not. */
  String fired() {
    return fired;
  }

  /** Stops every limit; the stream ended or was closed. */
  @Override
  public void close() {
    headersArrived();
    if (total != null) {
      total.cancel(false);
    }
  }

  private static ScheduledThreadPoolExecutor timers() {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "declaude-stream-timer");
              // A daemon, so an armed timer never keeps the JVM alive.
              t.setDaemon(true);
              return t;
            });
    // Nearly every timer is cancelled long before it fires; drop them at once.
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
