package dev.declaude.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.error.OverloadedException;
import dev.declaude.event.CallEvent;
import dev.declaude.retry.RetryEvent;
import dev.declaude.retry.WaitSource;
import dev.declaude.wire.Usage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * DeclaudeMetrics fed events directly: what no scripted fault on the simulator can make happen on
 * cue.
 */
class DeclaudeMetricsEventsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DeclaudeMetrics metrics = new DeclaudeMetrics(registry);

  private static CallEvent succeeded(Usage usage) {
    return new CallEvent(
        "Bot",
        "answer",
        "claude-haiku-4-5",
        "claude-haiku-4-5-20251001",
        1,
        Duration.ofMillis(1500),
        usage,
        null);
  }

  private List<String> meters() {
    return MeterListing.of(registry).stream()
        .filter(l -> !l.contains(".histogram{"))
        .collect(Collectors.toList());
  }

  @Test
  void aBackoffThatRecoveryEndsEarlyIsOneRetryAndOneEarlyRetry() {
    OverloadedException failure = null;
    metrics.onRetry(
        new RetryEvent(
            2, ErrorKind.OVERLOADED, Duration.ofMillis(400), WaitSource.BACKOFF, "req_1", failure));
    metrics.onEarlyRetry(
        new RetryEvent(
            2, ErrorKind.OVERLOADED, Duration.ofMillis(30), WaitSource.RECOVERY, "req_1", failure));

    assertEquals(
        List.of(
            "declaude.retries.early{kind=OVERLOADED} count=1",
            "declaude.retries{kind=OVERLOADED,source=backoff} count=1"),
        meters());
  }

  @Test
  void inputTokensCountTheCachedOnesTooAsTheConventionsAsk() {
    metrics.onCall(succeeded(new Usage(10, 5, 100, 1000)));

    assertEquals(
        1110,
        registry
            .get(DeclaudeMetrics.TOKEN_USAGE)
            .tag("gen_ai.token.type", "input")
            .summary()
            .totalAmount());
    assertEquals(
        5,
        registry
            .get(DeclaudeMetrics.TOKEN_USAGE)
            .tag("gen_ai.token.type", "output")
            .summary()
            .totalAmount());
  }

  @Test
  void tokenCountsTheAnswerDidNotReportOrReportedNegativeAreNotRecorded() {
    metrics.onCall(succeeded(new Usage(-3, null, null, null)));

    assertEquals(
        List.of(),
        registry.find(DeclaudeMetrics.TOKEN_USAGE).summaries().stream()
            .map(s -> s.getId().getTag("gen_ai.token.type"))
            .collect(Collectors.toList()));
  }

  @Test
  void theOperationDurationIsAHistogramInSecondsWithTheBucketsOfTheConventions() {
    metrics.onCall(succeeded(new Usage(10, 5, null, null)));

    Timer duration = registry.get(DeclaudeMetrics.OPERATION_DURATION).timer();
    assertEquals(1.5, duration.totalTime(TimeUnit.SECONDS));
    assertEquals(
        List.of(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92),
        Arrays.stream(duration.takeSnapshot().histogramCounts())
            .map(b -> b.bucket(TimeUnit.SECONDS))
            .collect(Collectors.toList()));
  }

  @Test
  void theTokenUsageIsAHistogramWithTheBucketsOfTheConventions() {
    metrics.onCall(succeeded(new Usage(10, 5, null, null)));

    DistributionSummary tokens =
        registry.get(DeclaudeMetrics.TOKEN_USAGE).tag("gen_ai.token.type", "input").summary();
    assertEquals(
        List.of(
            1.0,
            4.0,
            16.0,
            64.0,
            256.0,
            1024.0,
            4096.0,
            16384.0,
            65536.0,
            262144.0,
            1048576.0,
            4194304.0,
            16777216.0,
            67108864.0),
        Arrays.stream(tokens.takeSnapshot().histogramCounts())
            .map(CountAtBucket::bucket)
            .collect(Collectors.toList()));
  }

  @Test
  void aFailureThatIsNotDeclaudesIsKindOtherAndTypedByItsClass() {
    metrics.onCall(
        new CallEvent(
            "Bot",
            "answer",
            "claude-haiku-4-5",
            null,
            1,
            Duration.ZERO,
            null,
            new IllegalStateException("this ClaudeClient is closed")));

    assertEquals(
        List.of(
            "declaude.calls{error=OTHER,kind=failed_without_retry,method=answer,model=claude-haiku-4-5,service=Bot}"
                + " count=1 total=0ms",
            "gen_ai.client.operation.duration{error.type=IllegalStateException,gen_ai.operation.name=chat,"
                + "gen_ai.provider.name=anthropic,gen_ai.request.model=claude-haiku-4-5,gen_ai.response.model=none}"
                + " count=1 total=0ms"),
        meters());
  }

  @Test
  void theBuildersTagsAreOnEveryMeter() {
    DeclaudeMetrics tagged = DeclaudeMetrics.builder(registry).tag("client", "support").build();

    tagged.onCall(succeeded(null));
    tagged.onPacingWait(
        new RetryEvent(1, null, Duration.ofMillis(20), WaitSource.PACING, null, null));

    assertEquals(
        List.of(
            "declaude.calls{client=support,error=none,kind=successful_without_retry,method=answer,model=claude-haiku-4-5,"
                + "service=Bot} count=1 total=1500ms",
            "declaude.pacing.hold{client=support} count=1 total=20ms",
            "gen_ai.client.operation.duration{client=support,error.type=none,gen_ai.operation.name=chat,"
                + "gen_ai.provider.name=anthropic,gen_ai.request.model=claude-haiku-4-5,"
                + "gen_ai.response.model=claude-haiku-4-5-20251001} count=1 total=1500ms"),
        meters());
  }

  @Test
  void aCapBelowOneValuePerTagIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeclaudeMetrics.builder(registry).maxTagValues(0));

    assertEquals("maxTagValues must be >= 1, was 0", e.getMessage());
  }
}
