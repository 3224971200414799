package dev.declaude.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The settings a {@link ClaudeSimulator} was built with; never changes after {@code build()}. */
record SimulatorConfig(
    String apiKey,
    Clock clock,
    double requestsPerSecond,
    int burst,
    RequestsLimitHeader requestsLimitHeader,
    int maxConcurrentRequests,
    long inputTokensPerMinute,
    long outputTokensPerMinute,
    RetryAfterStyle retryAfterStyle,
    Duration latency,
    long seed,
    Function<ReceivedRequest, String> replier,
    int maxRecordedRequests,
    String organizationId,
    String host,
    int port,
    List<FaultPlan.Rate> faultRates) {

  /** Returns whether a request rate limit is set. */
  boolean rateLimited() {
    return burst > 0;
  }

  @Override
  public String toString() {
    // Never the key.
    return "SimulatorConfig[rateLimit="
        + (rateLimited() ? requestsPerSecond + "/s burst " + burst : "none")
        + (inputTokensPerMinute > 0 ? ", inputTokensPerMinute=" + inputTokensPerMinute : "")
        + (outputTokensPerMinute > 0 ? ", outputTokensPerMinute=" + outputTokensPerMinute : "")
        + (maxConcurrentRequests > 0 ? ", maxConcurrentRequests=" + maxConcurrentRequests : "")
        + ", latency="
        + latency
        + ", seed="
        + seed
        + "]";
  }
}
