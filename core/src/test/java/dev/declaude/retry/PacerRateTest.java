package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pacer's copy of the requests bucket: rate from the RPM, room from remaining, 429s and
 * in-flight requests.
 */
class PacerRateTest {
  private static final long FAR = Long.MAX_VALUE;

  private final FakeTime time = new FakeTime();
  private final Pacer pacer = Pacer.create(time);

  /**
   * Reserves like the engine, returning the wait: 0 to go now, -1 when refused (the old contract).
   */
  private long reserve(long now, long deadline) {
    PacingHold hold = pacer.reserve(now, deadline);
    return hold == null ? 0 : hold == Pacer.REFUSED ? -1 : hold.plannedMillis();
  }

  private static ResponseMetadata report(
      int status, long rpm, long remaining, Instant reset, Duration retryAfter) {
    RateLimits limits = new RateLimits(new RateLimit(rpm, remaining, reset), null, null, null);
    return new ResponseMetadata(status, "req", limits, retryAfter, null);
  }

  private List<Long> releases(int callers) {
    List<Long> releases = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      releases.add(time.millis() + reserve(time.millis(), FAR));
    }
    return releases;
  }

  @Test
  void plentyOfRoomNeverSlowsAClientDown() {
    // A real client: 4,000 RPM with 3,900 left
    pacer.onResponse(report(200, 4000, 3900, FakeTime.EPOCH.plusSeconds(2), null));

    for (int i = 0; i < 1000; i++) {
      assertEquals(0, reserve(0, FAR));
    }
  }

  @Test
  void whenRoomRunsOutCallersAreReleasedFifoAtTheLimitsRateKeepingAQuarterRequestInHand() {
    // 600 RPM = one request per 100 ms; 2 left, full again in a minute
    pacer.onResponse(report(200, 600, 2, FakeTime.EPOCH.plusSeconds(60), null));

    // One goes at once; the last one left waits until a quarter more has refilled (the reserve
    // against
    // jitter), then one per 100 ms
    assertEquals(List.of(0L, 25L, 125L, 225L, 325L), releases(5));
    assertEquals(100, pacer.spacingMillis());
  }

  @Test
  void aRateLimitedResponseWithHeadersPacesOthersAtTheRateInsteadOfFreezingThemForItsRetryAfter() {
    // A bucket of 5 at 600 RPM, then a 429 asking for a whole second with nothing left
    pacer.onResponse(report(200, 600, 4, null, null));
    pacer.onResponse(report(429, 600, 0, FakeTime.EPOCH.plusSeconds(60), Duration.ofSeconds(1)));

    // Other callers go as the bucket refills, 100 ms apart, not all at 1 s
    assertEquals(List.of(125L, 225L, 325L), releases(3));
  }

  @Test
  void aGatewayReportingItsBurstAsTheLimitIsReadAsTheFastBucketItIs() {
    // A bucket of 5 refilling at 20 per second, whose -limit says 5 and whose -reset says when it
    // is full
    // again: taken as 5 requests a minute, callers would wait 12 s each
    pacer.onResponse(report(200, 5, 4, FakeTime.EPOCH.plusMillis(50), null));
    pacer.onResponse(report(429, 5, 0, FakeTime.EPOCH.plusMillis(250), Duration.ofSeconds(1)));

    // Read together, the headers say at least 4 requests refill in 250 ms (the remaining is
    // floored), so
    // the bucket, full at 250 ms, has one already: callers leave one refill (62.5 ms) apart, each
    // once the
    // quarter kept in hand has refilled
    assertEquals(62, pacer.spacingMillis());
    assertEquals(List.of(16L, 79L, 141L), releases(3));
  }

  @Test
  void aResetInThePastLeavesTheRateToTheLimit() {
    pacer.onResponse(report(200, 600, 0, FakeTime.EPOCH.minusSeconds(5), null));

    assertEquals(100, pacer.spacingMillis());
  }

  @Test
  void aRateLimitedResponseLowersTheCopyEvenWhenItThoughtItHadRoom() {
    pacer.onResponse(report(200, 600, 5, null, null));
    pacer.onResponse(report(429, 600, 0, null, Duration.ofSeconds(1)));

    assertEquals(125, reserve(0, FAR));
  }

  @Test
  void requestsStillInFlightCountAgainstTheReportedRemaining() {
    // Past the cold start (a first request answered, saying nothing), three requests sent; one
    // answers saying 2 were left when the server counted it
    reserve(0, FAR);
    pacer.answered();
    reserve(0, FAR);
    reserve(0, FAR);
    reserve(0, FAR);
    pacer.onResponse(report(200, 600, 2, null, null));

    // The two others in flight may take those 2, so the next caller waits for a refill
    assertEquals(125, reserve(0, FAR));
  }

  @Test
  void aStaleSuccessNeverLowersTheCopyButAHigherRemainingRaisesIt() {
    pacer.onResponse(report(200, 600, 3, null, null));
    // A success counted long ago reports none left: not proof that none is left now
    pacer.onResponse(report(200, 600, 0, null, null));
    assertEquals(List.of(0L, 0L, 25L, 125L), releases(4));

    // The limit was raised, or another client stopped: 10 left now
    time.advance(1000);
    pacer.onResponse(report(200, 600, 10, null, null));
    assertEquals(List.of(1000L, 1000L, 1000L), releases(3));
  }

  @Test
  void theBucketIsFullAgainAtItsResetSoTheCopyDoesNotWaitLonger() {
    // A 1-RPM limit spent, but the server says the bucket is full again in 5 s
    pacer.onResponse(report(200, 1, 0, FakeTime.EPOCH.plusSeconds(5), null));

    assertEquals(5000, reserve(0, FAR));
  }

  @Test
  void anIdleClientSavesUpNoMoreThanTheLargestRoomEverReported() {
    // Room for 3 (2 left after this one) at 600 RPM
    pacer.onResponse(report(200, 600, 2, null, null));

    time.advance(60_000);

    assertEquals(List.of(60_000L, 60_000L, 60_025L, 60_125L), releases(4));
  }

  @Test
  void aRateLimitWithoutRequestHeadersHoldsOnlyTheRequestThatGotIt() {
    // With no rate to release them at, holding everyone for the retry-after would lower throughput
    // below
    // what sending at once achieves; the refused request itself waits it out (the engine's least
    // wait).
    pacer.onResponse(
        new ResponseMetadata(429, "req", RateLimits.NONE, Duration.ofSeconds(1), null));

    assertEquals(0, reserve(0, FAR));
  }
}
