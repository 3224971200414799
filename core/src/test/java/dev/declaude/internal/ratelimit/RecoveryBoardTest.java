package dev.declaude.internal.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.declaude.internal.ratelimit.RecoveryBoard.Slot;
import dev.declaude.internal.ratelimit.RecoveryBoard.Waiter;
import org.junit.jupiter.api.Test;

/** The outage probe: which waiter a failure sends out early, and when. */
class RecoveryBoardTest {
  /** A board whose server served at 0, then failed at 100 and 200: an outage from 1,000 on. */
  private static RecoveryBoard failingSince100() {
    return RecoveryBoard.empty()
        .afterSuccess(0, 5)
        .board()
        .afterFailure(100)
        .board()
        .afterFailure(200)
        .board();
  }

  @Test
  void duringAnOutageAFailureSendsTheBackoffThatEndsFirstOutAsAProbe() {
    RecoveryBoard board =
        failingSince100()
            .withWaiter(new Waiter("late", 9_000, 0), 200)
            .withWaiter(new Waiter("first", 5_000, 0), 200);

    RecoveryBoard.Failure failure = board.afterFailure(1_200);

    assertEquals(new Slot("first", 1_300), failure.probe());
  }

  @Test
  void aProbedWaiterIsNotProbedAgainByTheNextFailure() {
    RecoveryBoard probed =
        failingSince100().withWaiter(new Waiter("a", 5_000, 0), 200).afterFailure(1_200).board();

    assertNull(probed.afterFailure(1_250).probe());
    // once its probe is under way, the next failure sends the next waiter
    RecoveryBoard next = probed.withWaiter(new Waiter("b", 6_000, 0), 1_250);
    assertEquals(new Slot("b", 1_400), next.afterFailure(1_300).probe());
  }

  @Test
  void aBackoffEndingWithinTheGapOfItselfIsLeftAlone() {
    RecoveryBoard board = failingSince100().withWaiter(new Waiter("soon", 1_250, 0), 200);

    assertNull(board.afterFailure(1_200).probe());
  }

  @Test
  void aProbeNeverGoesBeforeTheServersRetryAfter() {
    RecoveryBoard board = failingSince100().withWaiter(new Waiter("asked", 5_000, 2_000), 200);

    assertEquals(new Slot("asked", 2_000), board.afterFailure(1_200).probe());
  }

  @Test
  void noProbeInTheFirstSecondOfFailures() {
    RecoveryBoard board = failingSince100().withWaiter(new Waiter("a", 5_000, 0), 200);

    // 900 ms of failures, and a success 999 ms ago: a busy server as far as anyone knows
    assertNull(board.afterFailure(999).probe());
  }

  @Test
  void noProbeWhileSuccessesComeAmongTheFailures() {
    RecoveryBoard board =
        failingSince100()
            .afterSuccess(900, 5)
            .board()
            .afterFailure(1_000)
            .board()
            .withWaiter(new Waiter("a", 5_000, 0), 1_000);

    assertNull(board.afterFailure(1_500).probe());
  }

  @Test
  void theGapIsAThirtySecondOfTheOutageWithinItsBounds() {
    assertEquals(RecoveryBoard.PROBE_MIN_MILLIS, RecoveryBoard.probeGap(1_000));
    assertEquals(200, RecoveryBoard.probeGap(6_400));
    assertEquals(RecoveryBoard.PROBE_MAX_MILLIS, RecoveryBoard.probeGap(600_000));

    // ten minutes into an outage, the next probe goes the longest gap after a failure
    RecoveryBoard board = failingSince100().withWaiter(new Waiter("a", 700_000, 0), 200);
    assertEquals(new Slot("a", 602_100), board.afterFailure(600_100).probe());
  }

  @Test
  void aProbeMessageNamesItsWaiterAndIsToldApartFromARelease() {
    String message = RecoveryBoard.probeMessage(new Slot("ab12-3", 1_300));

    assertEquals(java.util.List.of(new Slot("ab12-3", 1_300)), RecoveryBoard.parseRelease(message));
    assertEquals(true, RecoveryBoard.isProbe(message));
    assertEquals(
        false,
        RecoveryBoard.isProbe(RecoveryBoard.releaseMessage(java.util.List.of(new Slot("x", 1)))));
  }
}
