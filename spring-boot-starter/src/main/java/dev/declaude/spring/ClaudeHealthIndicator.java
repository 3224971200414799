package dev.declaude.spring;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of the Claude API as the client's own calls saw it; it never calls the API itself (a
 * health check must not spend requests or tokens). Contributed as {@code declaude}.
 *
 * <ul>
 *   <li>UNKNOWN before any call has reached the server;
 *   <li>DOWN when the last {@code declaude.health.down-after-failures} calls (3 by default) in a
 *       row failed with a server error, a timeout or a broken connection;
 *   <li>OUT_OF_SERVICE when the last call failed for a reason no retry can fix: authentication,
 *       permission or billing (a revoked key, a spend cap);
 *   <li>UP otherwise, a last call refused for its own content or for a rate limit included: the
 *       server answered.
 * </ul>
 *
 * <p>Details: {@code lastCall} (when, its attempts, its error kind), {@code serverFailuresInARow},
 * and per rate-limit domain the {@code remaining}, {@code limit} and {@code reset} of each limit
 * last reported.
 */
final class ClaudeHealthIndicator implements HealthIndicator {
  private final CallHealthRecorder recorder;
  private final int downAfterFailures;

  ClaudeHealthIndicator(CallHealthRecorder recorder, int downAfterFailures) {
    if (downAfterFailures < 1) {
      throw new IllegalArgumentException(
          "invalid declaude.health.down-after-failures: must be >= 1, was " + downAfterFailures);
    }
    this.recorder = recorder;
    this.downAfterFailures = downAfterFailures;
  }

  @Override
  public Health health() {
    CallHealthRecorder.Snapshot s = recorder.snapshot();
    Health.Builder health = new Health.Builder(status(s));
    if (s.lastCall() != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("at", s.lastCall().at().toString());
      last.put("attempts", s.lastCall().attempts());
      last.put("error", s.lastCall().error() == null ? "none" : s.lastCall().error().name());
      health.withDetail("lastCall", last);
    }
    health.withDetail("serverFailuresInARow", s.serverFailuresInARow());
    Map<String, Object> domains = new LinkedHashMap<>();
    s.rateLimits().forEach((domain, limits) -> domains.put(domain, describe(limits)));
    return health.withDetail("rateLimits", domains).build();
  }

  private Status status(CallHealthRecorder.Snapshot s) {
    if (s.lastCall() == null) {
      return Status.UNKNOWN;
    }
    if (s.serverFailuresInARow() >= downAfterFailures) {
      return Status.DOWN;
    }
    ErrorKind error = s.lastCall().error();
    boolean needsSomeone =
        error == ErrorKind.AUTHENTICATION
            || error == ErrorKind.PERMISSION
            || error == ErrorKind.BILLING;
    return needsSomeone ? Status.OUT_OF_SERVICE : Status.UP;
  }

  private static Map<String, Object> describe(RateLimits limits) {
    Map<String, Object> d = new LinkedHashMap<>();
    put(d, "requests", limits.requests());
    put(d, "input_tokens", limits.inputTokens());
    put(d, "output_tokens", limits.outputTokens());
    put(d, "tokens", limits.tokens());
    put(d, "priority_input_tokens", limits.priorityInputTokens());
    put(d, "priority_output_tokens", limits.priorityOutputTokens());
    return d;
  }

  private static void put(Map<String, Object> d, String name, RateLimit limit) {
    if (limit == null) {
      return;
    }
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("remaining", limit.remaining());
    l.put("limit", limit.limit());
    l.put("reset", limit.reset() == null ? null : limit.reset().toString());
    d.put(name, l);
  }
}
