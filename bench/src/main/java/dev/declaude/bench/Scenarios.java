package dev.declaude.bench;

import dev.declaude.testkit.Fault;
import dev.declaude.testkit.RequestsLimitHeader;
import dev.declaude.testkit.RetryAfterStyle;
import dev.declaude.testkit.TokenEstimator;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The load benchmark's scenarios, each with what its efficiency measures; 1.0 is the best possible.
 */
final class Scenarios {
  /** The rate-limited scenarios' ceiling, requests per second. */
  static final double RATE = 20;

  /** The fleet scenarios' bucket: one organisation's requests per second, and its burst. */
  static final double FLEET_RATE = 40;

  static final int FLEET_BURST = 10;

  /** The storm's outage. */
  static final Duration OUTAGE = Duration.ofSeconds(3);

  /**
   * How many requests the capacity-overload server serves at once, each for {@link
   * #CAPACITY_LATENCY}.
   */
  static final int CAPACITY = 4;

  static final Duration CAPACITY_LATENCY = Duration.ofMillis(25);

  /** The one retry-after of the hostile-header scenario: about 3,170 years. */
  static final String HOSTILE_RETRY_AFTER = "99999999999";

  static final int TOKEN_CALLS = 320;

  /** The input tokens of all token-limited calls together. */
  static final long INPUT_TOKENS = inputTokens(TOKEN_CALLS);

  /**
   * The token-limited scenario's ITPM: the bucket starts full with one minute's worth, so an ideal
   * run takes 60 s x (all tokens - ITPM) / ITPM; this makes that about 12 s.
   */
  static final long INPUT_TOKENS_PER_MINUTE = Math.round(INPUT_TOKENS / 1.2 / 1000) * 1000;

  /**
   * The output-limited scenario's answer: a few tokens, though each call reserves {@value
   * LoadCall#LONG}.
   */
  static final String SHORT_ANSWER = "The answer is in the notes above.";

  static final long OUTPUT_TOKENS = (long) TOKEN_CALLS * TokenEstimator.tokens(SHORT_ANSWER);

  /**
   * The output-limited scenario's OTPM: under twice {@code max_tokens}, so one call runs at a time,
   * and each keeps its answer's tokens; the bucket must stay at {@code max_tokens} or more to let
   * the next one in, so an ideal run takes 60 s x (the answers before the last - (OTPM -
   * max_tokens)) / OTPM, about 12 s.
   */
  static final long OUTPUT_TOKENS_PER_MINUTE =
      Math.round((OUTPUT_TOKENS + LoadCall.LONG) / 1.2 / 100) * 100;

  private Scenarios() {}

  static final List<Scenario> ALL =
      List.of(
          // Successes per second over the server's ceiling of 20 requests per second.
          Scenario.of(
                  "rate-limited",
                  320,
                  b -> b.rateLimit(RATE, 5).retryAfterStyle(RetryAfterStyle.WHOLE_SECONDS),
                  run -> run.successes() / run.wallSeconds() / RATE)
              .withPacingOffToo(),
          // The same bucket, but anthropic-ratelimit-requests-limit says 5 (the burst), not 1200
          // per minute.
          Scenario.of(
                  "misreported-limit",
                  320,
                  b ->
                      b.rateLimit(RATE, 5)
                          .requestsLimitHeader(RequestsLimitHeader.BURST)
                          .retryAfterStyle(RetryAfterStyle.WHOLE_SECONDS),
                  run -> run.successes() / run.wallSeconds() / RATE)
              .withTimeout(Duration.ofSeconds(45))
              .withPacingOffToo(),
          // The share of requests that succeeded over the best possible share, 75 %.
          Scenario.of(
                  "overloaded",
                  320,
                  UnaryOperator.identity(),
                  run -> run.successes() / (double) run.requests / 0.75)
              .withArm(
                  sim ->
                      sim.faultRate(0.20, Fault.overloaded()).faultRate(0.05, Fault.status(500))),
          // The share of requests that succeeded (1.0: nothing sent during the outage).
          Scenario.of(
                  "storm",
                  160,
                  UnaryOperator.identity(),
                  run -> run.successes() / (double) run.requests)
              .withArm(sim -> sim.outage(OUTAGE, Fault.overloaded()))
              .withOutage(OUTAGE),
          // 4 places, 25 ms each: at best 160 calls a second. The ideal time of the calls that
          // succeeded over
          // the measured wall time.
          Scenario.of(
                  "capacity-overload",
                  320,
                  b -> b.maxConcurrentRequests(CAPACITY).latency(CAPACITY_LATENCY),
                  run ->
                      run.successes()
                          * (CAPACITY_LATENCY.toNanos() / 1e9)
                          / CAPACITY
                          / run.wallSeconds())
              .withTimeout(Duration.ofSeconds(30)),
          // One 429 says to come back in 3,170 years; the other 159 calls must complete regardless.
          Scenario.of(
                  "hostile-header",
                  160,
                  UnaryOperator.identity(),
                  run -> Math.min(run.successes(), run.calls() - 1) / (double) (run.calls() - 1))
              .withArm(sim -> sim.enqueue(Fault.status(429).retryAfter(HOSTILE_RETRY_AFTER)))
              .withTimeout(Duration.ofSeconds(20)),
          // Input tokens per minute bind; prompts of 20 to 3,500 tokens. The ideal time of the
          // input tokens of the
          // calls that succeeded over the measured wall time.
          Scenario.of(
                  "token-limited",
                  TOKEN_CALLS,
                  b -> b.inputTokensPerMinute(INPUT_TOKENS_PER_MINUTE),
                  run ->
                      idealSeconds(
                              succeededInputTokens(run) - INPUT_TOKENS_PER_MINUTE,
                              INPUT_TOKENS_PER_MINUTE)
                          / run.wallSeconds())
              .withCall(LoadCall::sized)
              .withTimeout(Duration.ofSeconds(45)),
          // Output tokens per minute bind through max_tokens 4,096 on short answers. The ideal time
          // of the
          // answers of the calls that succeeded over the measured wall time.
          Scenario.of(
                  "output-limited",
                  TOKEN_CALLS,
                  b ->
                      b.outputTokensPerMinute(OUTPUT_TOKENS_PER_MINUTE)
                          .replier(request -> SHORT_ANSWER),
                  run ->
                      idealSeconds(
                              outputBeforeLast(run.successes())
                                  - (OUTPUT_TOKENS_PER_MINUTE - LoadCall.LONG),
                              OUTPUT_TOKENS_PER_MINUTE)
                          / run.wallSeconds())
              .withCall(LoadCall::roomyQuestion)
              .withTimeout(Duration.ofSeconds(45)),
          // Four pods (JVMs) share one bucket of 40 requests a second: successes per second over
          // that ceiling.
          Scenario.of(
                  "fleet",
                  640,
                  b ->
                      b.rateLimit(FLEET_RATE, FLEET_BURST)
                          .retryAfterStyle(RetryAfterStyle.WHOLE_SECONDS),
                  run -> run.successes() / run.wallSeconds() / FLEET_RATE)
              .withTimeout(Duration.ofSeconds(90))
              .asFleet(),
          // Four pods see the storm's outage together, each caller with one call caught by it and
          // one
          // after it: how soon the fleet is back. Efficiency: the share of requests that succeeded.
          Scenario.of(
                  "fleet-outage",
                  2 * FleetRun.PODS * FleetRun.THREADS,
                  UnaryOperator.identity(),
                  run -> run.successes() / (double) run.requests)
              .withArm(sim -> sim.outage(OUTAGE, Fault.overloaded()))
              .withOutage(OUTAGE)
              .withTimeout(Duration.ofSeconds(60))
              .asFleet());

  /** Returns the scenario called {@code name}, or null. */
  static Scenario named(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /**
   * Returns the seconds a bucket refilling {@code perMinute} takes to hand out {@code
   * beyondFirstMinute} more.
   */
  static double idealSeconds(long beyondFirstMinute, long perMinute) {
    return Math.max(0, beyondFirstMinute) * 60.0 / perMinute;
  }

  /**
   * Returns the output tokens that must have refilled before the last of {@code calls} calls may
   * start: the answers of those before it (the last one's answer is spent after it starts).
   */
  static long outputBeforeLast(int calls) {
    return (long) Math.max(0, calls - 1) * TokenEstimator.tokens(SHORT_ANSWER);
  }

  private static long succeededInputTokens(LoadRun run) {
    long total = 0;
    for (int n = 0; n < run.calls(); n++) {
      total += run.succeeded[n] ? LoadCall.sized(n).inputTokens() : 0;
    }
    return total;
  }

  private static long inputTokens(int calls) {
    long total = 0;
    for (int n = 0; n < calls; n++) {
      total += LoadCall.sized(n).inputTokens();
    }
    return total;
  }
}
