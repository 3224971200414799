package dev.declaude.internal.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Regression: a response's {@code remaining} was counted when its request arrived, so the mirror
 * may be raised to it only less the requests still in flight that the server may not have counted.
 * Only this client's own were subtracted; in a fleet sharing the mirror, the requests other clients
 * sent meanwhile were forgotten, the copy was raised above the server's bucket, and the fleet
 * over-spent it. The mirror now remembers who sent what when, and counts other clients' requests
 * sent since the reporter's oldest.
 */
class OtherClientsRequestsInFlightTest {
  private static final int A = 1;
  private static final int B = 2;

  /** A mirror of 60 requests a minute (one a second) that had 10 left at 0 ms. */
  private static BucketMirror tenLeft() {
    return new BucketMirror().afterReport(0, 60, 10, null, false, 0, A, Long.MIN_VALUE);
  }

  @Test
  void requestsAnotherClientSentSinceAreNotCountedAsRoom() {
    // Given client A sent one request at 100 ms, and client B three more right after
    BucketMirror mirror =
        tenLeft()
            .afterTake(100, 1, false, A)
            .afterTake(101, 1, false, B)
            .afterTake(102, 1, false, B)
            .afterTake(103, 1, false, B);

    // When A's answer says 9 left (the server had counted A's request only), none of A's others in
    // flight
    BucketMirror after = mirror.afterReport(110, 60, 9, null, false, 0, A, 100);

    // Then the copy is not raised to 9: B's three requests are still owed
    assertEquals(6.11, after.levelAt(110), 1e-9);
  }

  @Test
  void aLoneClientCountsItsOwnRequestsInFlightAsBefore() {
    BucketMirror mirror =
        tenLeft()
            .afterTake(100, 1, false, A)
            .afterTake(101, 1, false, A)
            .afterTake(102, 1, false, A)
            .afterTake(103, 1, false, A);

    BucketMirror after = mirror.afterReport(110, 60, 9, null, false, 3, A, 100);

    assertEquals(6.11, after.levelAt(110), 1e-9);
  }
}
