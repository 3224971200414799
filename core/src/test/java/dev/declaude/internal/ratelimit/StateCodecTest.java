package dev.declaude.internal.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.ratelimit.RateLimitState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every state a domain keeps survives the text a shared store keeps it as, exactly; other text is
 * refused.
 */
class StateCodecTest {
  private static <T> String roundTrip(RateLimitState<T> state, T value) {
    String text = state.encode(value);
    assertEquals(text, state.encode(state.decode(text)));
    return text;
  }

  @Test
  void aBucketMirrorSurvivesItsTextExactly() {
    RateLimitState<BucketMirror> state = BucketMirror.state("requests");
    BucketMirror learned =
        new BucketMirror()
            .afterReport(1_000, 1_200, 4, 1_250L, false, 2, 7, Long.MIN_VALUE)
            .afterTake(1_010, 1, true, 7)
            .afterTake(1_020, 1, false, -3)
            .afterReport(2_100, 1_200, 0, 2_600L, true, 1, 7, 1_010);

    roundTrip(state, new BucketMirror());
    BucketMirror back = state.decode(roundTrip(state, learned));

    assertEquals(learned.levelAt(3_000), back.levelAt(3_000));
    assertEquals(learned.readyAt(3_000, 1), back.readyAt(3_000, 1));
    assertEquals("bucket.requests", state.name());
  }

  @Test
  void budgetCountsSurviveTheirText() {
    RateLimitState<BudgetCounts> state = BudgetCounts.state(10_000);
    BudgetCounts counts =
        BudgetCounts.empty(10_000)
            .withFirstAttempt(5)
            .withFirstAttempt(1_500)
            .withRetryIfAllowed(1_600, 20, 0);

    BudgetCounts back = state.decode(roundTrip(state, counts));

    // 20 % of 2 first attempts allows no retry; a floor of one does
    assertTrue(back.withRetryIfAllowed(1_700, 20, 0) == back);
    assertFalse(back.withRetryIfAllowed(1_700, 20, 200) == back);
  }

  @Test
  void aRecoveryBoardSurvivesItsTextWithItsWaiters() {
    RateLimitState<RecoveryBoard> state = RecoveryBoard.STATE;
    RecoveryBoard board =
        RecoveryBoard.empty()
            .afterFailure(0)
            .board()
            .afterFailure(0)
            .board()
            .withWaiter(new RecoveryBoard.Waiter("pod1-1", 50_000, 0), 0)
            .withWaiter(new RecoveryBoard.Waiter("pod2-7", 60_000, 55_000), 0);

    RecoveryBoard back = state.decode(roundTrip(state, board));

    assertEquals(List.of("pod1-1", "pod2-7"), back.waitingIds());
    // the outage's start survives: 32 s into it, the probe goes a 32nd of that later
    assertEquals(new RecoveryBoard.Slot("pod1-1", 33_000), back.afterFailure(32_000).probe());
    RecoveryBoard.Success success = back.afterSuccess(2_000, 20);
    assertEquals(
        List.of(new RecoveryBoard.Slot("pod1-1", 2_000), new RecoveryBoard.Slot("pod2-7", 55_000)),
        success.released());
  }

  @Test
  void aReleaseMessageNamesEachWaiterAndItsSlot() {
    List<RecoveryBoard.Slot> slots =
        List.of(new RecoveryBoard.Slot("a1b2-3", 100), new RecoveryBoard.Slot("c4-1", 120));

    assertEquals("release a1b2-3=100 c4-1=120", RecoveryBoard.releaseMessage(slots));
    assertEquals(slots, RecoveryBoard.parseRelease(RecoveryBoard.releaseMessage(slots)));
    assertEquals(List.of(), RecoveryBoard.parseRelease("something else"));
  }

  @Test
  void textOfAnotherFormatIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> BucketMirror.state("requests").decode("m0 1 2"));
    assertThrows(IllegalArgumentException.class, () -> BudgetCounts.state(10_000).decode("b1 x"));
    assertThrows(IllegalArgumentException.class, () -> RecoveryBoard.STATE.decode("r1 1 2 3 0101"));
  }
}
