package dev.declaude.micrometer;

import dev.declaude.event.CallEvent;
import dev.declaude.wire.Usage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Records an ended call: {@code declaude.calls}, and the OpenTelemetry GenAI client metrics {@code
 * gen_ai.client.operation.duration} and {@code gen_ai.client.token.usage}. Thread-safe.
 */
final class CallMeters {
  /**
   * The bucket boundaries the GenAI conventions ask of the duration histogram, 0.01 s to 81.92 s.
   */
  private static final Duration[] DURATION_BUCKETS = doubling(Duration.ofMillis(10), 14);

  /**
   * The bucket boundaries the GenAI conventions ask of the token histogram: powers of 4 from 1 to
   * 4^13.
   */
  private static final double[] TOKEN_BUCKETS = powersOfFour(14);

  private final MeterRegistry registry;
  private final Tags common;
  private final TagValues services;
  private final TagValues methods;
  private final TagValues models;
  private final TagValues errorTypes;

  CallMeters(MeterRegistry registry, Tags common, int maxTagValues) {
    this.registry = registry;
    this.common = common;
    this.services = new TagValues("service", maxTagValues);
    this.methods = new TagValues("method", maxTagValues);
    this.models = new TagValues("model", maxTagValues);
    this.errorTypes = new TagValues("error.type", maxTagValues);
  }

  void record(CallEvent e) {
    String requestModel = orNone(e.requestModel(), models);
    Timer.builder(DeclaudeMetrics.CALLS)
        .description("Calls of a ClaudeClient, each after all its attempts")
        .tags(common)
        .tags(
            "service",
            orNone(e.service(), services),
            "method",
            orNone(e.method(), methods),
            "model",
            requestModel,
            "kind",
            kind(e),
            "error",
            error(e))
        .register(registry)
        .record(e.duration());

    Tags genAi =
        Tags.of(
            "gen_ai.provider.name",
            "anthropic",
            "gen_ai.operation.name",
            "chat",
            "gen_ai.request.model",
            requestModel,
            "gen_ai.response.model",
            orNone(e.responseModel(), models));
    Timer.builder(DeclaudeMetrics.OPERATION_DURATION)
        .description("GenAI operation duration.")
        .serviceLevelObjectives(DURATION_BUCKETS)
        .tags(common)
        .tags(genAi)
        .tag("error.type", orNone(e.errorType(), errorTypes))
        .register(registry)
        .record(e.duration());
    recordTokens(e.usage(), genAi);
  }

  /** The Resilience4j names users already chart: successful or failed, with or without a retry. */
  static String kind(CallEvent e) {
    return (e.succeeded() ? "successful" : "failed")
        + (e.attempts() > 1 ? "_with_retry" : "_without_retry");
  }

  private static String error(CallEvent e) {
    if (e.succeeded()) {
      return DeclaudeMetrics.NONE;
    }
    // A failure that is not declaude's (a bug in a listener-less path, an IllegalStateException of
    // a closed
    // client) has no kind; the enum's names are upper case, so this cannot collide with one.
    return e.errorKind().map(Enum::name).orElse("OTHER");
  }

  private void recordTokens(Usage usage, Tags genAi) {
    if (usage == null) {
      return;
    }
    // The conventions count all input tokens, cached ones included: the API reports them apart.
    long input =
        sum(usage.inputTokens(), usage.cacheCreationInputTokens(), usage.cacheReadInputTokens());
    tokens(genAi, "input", input);
    tokens(genAi, "output", sum(usage.outputTokens()));
  }

  private void tokens(Tags genAi, String type, long count) {
    if (count < 0) {
      return;
    }
    DistributionSummary.builder(DeclaudeMetrics.TOKEN_USAGE)
        .description("Number of input and output tokens used.")
        .serviceLevelObjectives(TOKEN_BUCKETS)
        .tags(common)
        .tags(genAi)
        .tag("gen_ai.token.type", type)
        .register(registry)
        .record(count);
  }

  /**
   * Returns the sum of the counts reported, or -1 when none was; a negative count is not believed.
   */
  private static long sum(Integer... counts) {
    long total = -1;
    for (Integer c : counts) {
      if (c != null && c >= 0) {
        total = Math.max(total, 0) + c;
      }
    }
    return total;
  }

  private static String orNone(String value, TagValues values) {
    return value == null ? DeclaudeMetrics.NONE : values.fold(value);
  }

  private static Duration[] doubling(Duration first, int count) {
    Duration[] d = new Duration[count];
    for (int i = 0; i < count; i++) {
      d[i] = first.multipliedBy(1L << i);
    }
    return d;
  }

  private static double[] powersOfFour(int count) {
    double[] b = new double[count];
    for (int i = 0; i < count; i++) {
      b[i] = Math.pow(4, i);
    }
    return b;
  }
}
