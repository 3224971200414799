package dev.declaude.micrometer;

import dev.declaude.annotation.ErrorKind;
import dev.declaude.event.CallEvent;
import dev.declaude.event.ClaudeListener;
import dev.declaude.event.RateLimitsEvent;
import dev.declaude.retry.GiveUpEvent;
import dev.declaude.retry.RetryEvent;
import dev.declaude.retry.WaitSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * Records what a {@code ClaudeClient} does as Micrometer meters: a listener to register on the
 * client.
 *
 * <pre>{@code
 * DeclaudeMetrics metrics = new DeclaudeMetrics(registry);
 * ClaudeClient claude = ClaudeClient.builder().fromEnv().listener(metrics).build();
 * }</pre>
 *
 * <p>The meters:
 *
 * <ul>
 *   <li>{@value #CALLS}, timer of each call after all its attempts; tags {@code service} and {@code
 *       method} (the interface's simple name and the method, {@code none} for a low-level {@code
 *       send}), {@code model} (the model requested), {@code kind} ({@code
 *       successful_without_retry}, {@code successful_with_retry}, {@code failed_without_retry},
 *       {@code failed_with_retry}, as Resilience4j names them; "with retry" is more than one
 *       attempt) and {@code error} (the {@link ErrorKind} name, such as {@code OVERLOADED}; {@code
 *       none} on success; {@code OTHER} for a failure that is not declaude's).
 *   <li>{@value #RETRIES}, counter of retries, each counted once when the engine decides it; tags
 *       {@code kind} (the kind of the failure retried) and {@code source} of the wait planned:
 *       {@code backoff} or {@code retry_after}.
 *   <li>{@value #EARLY_RETRIES}, counter of the retries above whose backoff the recovery signal
 *       ended early (the server was back, or the call probed it during an outage); tag {@code
 *       kind}. It counts a subset of {@value #RETRIES}, the same retries again, so never add the
 *       two: the engine reports a retry before its wait, and an early end only afterwards, so no
 *       single count can say "backoff" or "recovery" at the moment the retry is decided.
 *   <li>{@value #PACING_HOLD}, timer of the waits the pacer imposed before an attempt.
 *   <li>{@value #BUDGET_REFUSALS}, counter of retries the client-wide retry budget refused; tag
 *       {@code kind}.
 *   <li>{@value #RATE_LIMIT_REMAINING}, gauges of what the API last reported left of each rate
 *       limit; tags {@code limit} ({@code requests}, {@code input_tokens}, {@code output_tokens},
 *       {@code tokens}) and {@code domain} (the client's rate-limit domain: host and a keyed hash
 *       of the key, never the key).
 *   <li>{@value #OPERATION_DURATION} and {@value #TOKEN_USAGE}, the OpenTelemetry GenAI client
 *       metrics, with {@code gen_ai.provider.name=anthropic}, {@code gen_ai.operation.name=chat},
 *       {@code gen_ai.request.model} and {@code gen_ai.response.model} ({@code none} when the call
 *       failed). The duration is a timer (seconds in Prometheus; set the OTLP registry's base time
 *       unit to seconds) with tag {@code error.type} (the API's error type, else the exception's
 *       simple name; {@code none} on success, because Micrometer's Prometheus registry up to 1.16
 *       drops meters whose tag keys differ from the first of their name). Token usage is a
 *       distribution summary with tag {@code gen_ai.token.type} {@code input} (cached input
 *       included) or {@code output}. Both carry the conventions' bucket boundaries.
 * </ul>
 *
 * <p>No tag carries a prompt, an answer or the API key. Every tag whose values come from the server
 * or the application (models, error types, services, methods, domains) keeps at most {@link
 * DeclaudeMetricsBuilder#maxTagValues} distinct values ({@value #DEFAULT_MAX_TAG_VALUES} by
 * default); later values, and values that are not plain identifiers of at most 100 characters, are
 * recorded as {@code other}.
 *
 * <p>The retry meters come from the retry engine: a client given its own engine through {@code
 * ClaudeClientBuilder.retryEngine(...)} needs this listener on that engine's builder too.
 *
 * <p>Thread-safe: one instance serves any number of concurrent calls.
 */
public final class DeclaudeMetrics implements ClaudeListener {
  /** Name of the timer of calls. */
  public static final String CALLS = "declaude.calls";

  /** Name of the counter of retries. */
  public static final String RETRIES = "declaude.retries";

  /** Name of the counter of retries whose backoff ended early: the server was back, or a probe. */
  public static final String EARLY_RETRIES = "declaude.retries.early";

  /** Name of the timer of pacing holds. */
  public static final String PACING_HOLD = "declaude.pacing.hold";

  /** Name of the counter of retries the retry budget refused. */
  public static final String BUDGET_REFUSALS = "declaude.retry.budget.refusals";

  /** Name of the gauges of the remaining rate limits. */
  public static final String RATE_LIMIT_REMAINING = "declaude.ratelimit.remaining";

  /** Name of the OpenTelemetry GenAI operation duration. */
  public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

  /** Name of the OpenTelemetry GenAI token usage. */
  public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

  /** How many distinct values a tag keeps unless the builder says otherwise. */
  public static final int DEFAULT_MAX_TAG_VALUES = 100;

  static final String NONE = "none";

  private final MeterRegistry registry;
  private final Tags common;
  private final CallMeters calls;
  private final RateLimitGauges rateLimits;

  /**
   * Creates the listener recording into {@code registry}, with no extra tags and the default cap.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public DeclaudeMetrics(MeterRegistry registry) {
    this(Objects.requireNonNull(registry, "registry"), Tags.empty(), DEFAULT_MAX_TAG_VALUES);
  }

  DeclaudeMetrics(MeterRegistry registry, Tags common, int maxTagValues) {
    this.registry = registry;
    this.common = common;
    this.calls = new CallMeters(registry, common, maxTagValues);
    this.rateLimits = new RateLimitGauges(registry, common, maxTagValues);
  }

  /**
   * Returns a builder, for tags on every meter or another cap on tag values.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static DeclaudeMetricsBuilder builder(MeterRegistry registry) {
    return new DeclaudeMetricsBuilder(registry);
  }

  @Override
  public void onCall(CallEvent event) {
    calls.record(event);
  }

  @Override
  public void onRetry(RetryEvent event) {
    counter(
            RETRIES,
            "Retries of Claude calls, counted when decided",
            "kind",
            kind(event.kind()),
            "source",
            source(event.source()))
        .increment();
  }

  @Override
  public void onEarlyRetry(RetryEvent event) {
    counter(
            EARLY_RETRIES,
            "Retries already counted in declaude.retries whose backoff ended early",
            "kind",
            kind(event.kind()))
        .increment();
  }

  @Override
  public void onPacingWait(RetryEvent event) {
    Timer.builder(PACING_HOLD)
        .description("Waits the pacer imposed before an attempt, for the API's rate limit")
        .tags(common)
        .register(registry)
        .record(event.delay());
  }

  @Override
  public void onBudgetExhausted(GiveUpEvent event) {
    counter(
            BUDGET_REFUSALS,
            "Retries the client-wide retry budget refused",
            "kind",
            kind(event.failure() == null ? null : event.failure().kind()))
        .increment();
  }

  @Override
  public void onRateLimits(RateLimitsEvent event) {
    rateLimits.record(event);
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name)
        .description(description)
        .tags(common)
        .tags(tags)
        .register(registry);
  }

  private static String kind(ErrorKind kind) {
    return kind == null ? NONE : kind.name();
  }

  private static String source(WaitSource source) {
    return source == null ? NONE : source.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "DeclaudeMetrics[" + registry.getClass().getSimpleName() + "]";
  }
}
