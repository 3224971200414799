package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.declaude.internal.ratelimit.RecoveryBoard;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import dev.declaude.response.ResponseMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression: after an outage, the first answer taught one pod the limits, but every other pod's
 * copy still knew nothing, so each retry a release sent had to wait for the shared store to learn
 * them, in the burst where four pods racing for the store made that 20-80 ms. A pod that hears a
 * release now reads the copies it lacks in the background.
 */
class ReleasedRetriesFindTheLimitsAnotherPodLearnedTest {
  private final FakeTime time = new FakeTime();
  private final RateLimitStore shared = RateLimitStore.inProcess();
  private final RateLimitDomain domain = RateLimitDomain.named("acme");
  private final DomainParts first = DomainParts.open(new PodStore(shared), domain, time);
  private final DomainParts second = DomainParts.open(new PodStore(shared), domain, time);

  @Test
  void aPodThatHearsAReleaseLearnsTheBucketsAnotherPodWasTold() {
    // Given a first pod told by an answer that 6,000 requests a minute are allowed
    RateLimit requests = new RateLimit(6_000L, 5_000L, FakeTime.EPOCH.plusSeconds(10));
    first.pacer.onResponse(
        new ResponseMetadata(200, "req", new RateLimits(requests, null, null, null), null, null));
    // and a second pod that has not asked the store since
    assertEquals(Pacer.DEFAULT_SPACING.toMillis(), second.pacer.spacingMillis());

    // When the first pod's success releases the fleet's waiters
    first.shared.publish(RecoveryBoard.releaseMessage(List.of(new RecoveryBoard.Slot("x-1", 0))));

    // Then the second pod knows the bucket before its released retries ask for room: one request
    // refills in 10 ms
    assertEquals(10, second.pacer.spacingMillis());
  }
}
