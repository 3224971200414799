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
  private final long patienceMillis;
  private long due;
  private long passedMillis;
  private boolean passing;

  PacingHold(long now, long due, Reservation reservation) {
    this(now, due, reservation, 0);
  }

  /**
   * Returns a hold that smaller requests may pass while they delay it by {@code patienceMillis} in
   * all: the time the API's token buckets take to refill its own request.
   */
  PacingHold(long now, long due, Reservation reservation, long patienceMillis) {
    this.alarm = new Alarm(now, due - now, 0);
    this.due = due;
    this.reservation = reservation;
    this.patienceMillis = patienceMillis;
  }

  /**
   * Returns whether a request that delays this one by {@code delayMillis} may still pass it: never
   * by more than its patience in all, so that no stream of small requests starves a large one.
   */
  boolean mayBePassedFor(long delayMillis) {
    return passedMillis + delayMillis <= patienceMillis;
  }

  /** Notes that a request passed this one, delaying it by {@code delayMillis}. */
  void passedFor(long delayMillis) {
    passedMillis += delayMillis;
  }

  /** Returns whether this hold was let go ahead of the callers before it (its delay charged). */
  boolean passing() {
    return passing;
  }

  /** Marks this hold as let go ahead of the callers before it. */
  void pass(long now) {
    passing = true;
    moveTo(now);
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
