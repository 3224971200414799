package dev.declaude.retry;

/**
 * A caller the {@link Pacer} holds: its place in the queue and the alarm it waits on, which the
 * pacer moves earlier whenever a response shows the server has room sooner than planned. The caller
 * waits on the alarm, then tells the pacer it went ({@link Pacer#release}), or that it gave up
 * ({@link Pacer#cancel}).
 *
 * <p>Guarded by the pacer, except the alarm, which is thread-safe.
 */
final class PacingHold {
  private final Alarm alarm;
  private final Reservation reservation;
  private long due;

  PacingHold(long now, long due, Reservation reservation) {
    this.alarm = new Alarm(now, due - now, 0);
    this.due = due;
    this.reservation = reservation;
  }

  /** Returns what the held attempt will reserve when it goes. */
  Reservation reservation() {
    return reservation;
  }

  /** Returns the alarm the caller waits on. */
  Alarm alarm() {
    return alarm;
  }

  /** Returns the planned wait from when the hold was made, in ms. */
  long plannedMillis() {
    return alarm.planned().toMillis();
  }

  long due() {
    return due;
  }

  /** Moves the release earlier, never later: a caller keeps the turn it was promised. */
  void moveTo(long at) {
    if (at < due) {
      due = at;
      alarm.moveTo(at);
    }
  }
}
