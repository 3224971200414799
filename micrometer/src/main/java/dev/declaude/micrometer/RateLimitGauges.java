package dev.declaude.micrometer;

import dev.declaude.event.RateLimitsEvent;
import dev.declaude.response.RateLimit;
import dev.declaude.response.RateLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges {@code declaude.ratelimit.remaining}: per rate-limit domain and limit, the remaining
 * count the last response reported. A limit a response did not report keeps its last value.
 * Thread-safe.
 */
final class RateLimitGauges {
  private final MeterRegistry registry;
  private final Tags common;
  private final TagValues domains;
  private final ConcurrentMap<List<String>, AtomicLong> remaining = new ConcurrentHashMap<>();

  RateLimitGauges(MeterRegistry registry, Tags common, int maxTagValues) {
    this.registry = registry;
    this.common = common;
    this.domains = new TagValues("domain", maxTagValues);
  }

  void record(RateLimitsEvent event) {
    String domain = domains.fold(event.domain());
    RateLimits limits = event.rateLimits();
    set(domain, "requests", limits.requests());
    set(domain, "input_tokens", limits.inputTokens());
    set(domain, "output_tokens", limits.outputTokens());
    set(domain, "tokens", limits.tokens());
  }

  private void set(String domain, String limit, RateLimit reported) {
    if (reported == null || reported.remaining() == null) {
      return;
    }
    remaining
        .computeIfAbsent(List.of(domain, limit), key -> register(domain, limit))
        .set(reported.remaining());
  }

  private AtomicLong register(String domain, String limit) {
    AtomicLong value = new AtomicLong();
    Gauge.builder(DeclaudeMetrics.RATE_LIMIT_REMAINING, value, AtomicLong::doubleValue)
        .description("What the API last reported left of a rate limit before it applies")
        .tags(common)
        .tags("limit", limit, "domain", domain)
        .strongReference(true)
        .register(registry);
    return value;
  }
}
