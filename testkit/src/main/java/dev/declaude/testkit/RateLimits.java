package dev.declaude.testkit;

import java.time.Clock;
import java.time.Instant;
import okhttp3.mockwebserver.MockResponse;

/**
 * The simulator's limiters, each optional: requests (a bucket of {@code burst} refilled at the set
 * rate), input tokens and output tokens (buckets holding one minute's limit, refilled continuously,
 * as the API describes them, claude-api.md §2.4). A Messages request must pass all that are set,
 * requests first. Also writes every response's {@code anthropic-ratelimit-*} headers from them.
 * Thread-safe.
 */
final class RateLimits {
  private final TokenBucket requests;
  private final TokenBucket input;
  private final TokenBucket output;
  private final RequestsLimitHeader requestsHeader;

  RateLimits(SimulatorConfig config) {
    Clock clock = config.clock();
    this.requests =
        config.rateLimited()
            ? new TokenBucket(config.requestsPerSecond(), config.burst(), clock)
            : null;
    this.input = perMinute(config.inputTokensPerMinute(), clock);
    this.output = perMinute(config.outputTokensPerMinute(), clock);
    this.requestsHeader = config.requestsLimitHeader();
  }

  private static TokenBucket perMinute(long limit, Clock clock) {
    return limit > 0 ? new TokenBucket(limit / 60.0, limit, clock) : null;
  }

  /**
   * One request's token check: each bucket's answer ({@code null} for a family without a limit) and
   * what the request needed from it: its input tokens, and its {@code max_tokens} from the output
   * bucket.
   */
  record Tokens(
      TokenBucket.Permit input, long inputNeed, TokenBucket.Permit output, long outputNeed) {
    /** Returns whether every limited family let the request through. */
    boolean granted() {
      return (input == null || input.granted()) && (output == null || output.granted());
    }
  }

  /** Takes a request token; {@code null} when requests are not limited. */
  TokenBucket.Permit takeRequest() {
    return requests == null ? null : requests.tryAcquire();
  }

  /**
   * Reports the requests bucket without taking from it; {@code null} when requests are not limited.
   */
  TokenBucket.Permit peekRequest() {
    return requests == null ? null : requests.check(1);
  }

  /**
   * Takes {@code inputTokens} from the input bucket and {@code maxTokens} from the output bucket if
   * both hold that much, else takes nothing; a family without a limit always passes.
   */
  synchronized Tokens takeTokens(long inputTokens, long maxTokens) {
    Tokens check =
        new Tokens(check(input, inputTokens), inputTokens, check(output, maxTokens), maxTokens);
    if (!check.granted()) {
      return check;
    }
    return new Tokens(take(input, inputTokens), inputTokens, take(output, maxTokens), maxTokens);
  }

  /** Reports both token buckets without taking from them. */
  synchronized Tokens peekTokens() {
    return new Tokens(check(input, 0), 0, check(output, 0), 0);
  }

  /**
   * Gives back output tokens a finished request reserved through {@code max_tokens} and did not
   * generate.
   */
  synchronized void giveBackOutput(long unused) {
    if (output != null && unused > 0) {
      output.giveBack(unused);
    }
  }

  /** Fills every bucket. */
  synchronized void fill() {
    for (TokenBucket bucket : new TokenBucket[] {requests, input, output}) {
      if (bucket != null) {
        bucket.fill();
      }
    }
  }

  /** Returns the requests bucket's rate in requests per second; only when requests are limited. */
  double requestsPerSecond() {
    return requests.perSecond();
  }

  /** Returns the input tokens per minute, or 0 without a limit. */
  long inputTokensPerMinute() {
    return input == null ? 0 : input.perMinute();
  }

  /** Returns the output tokens per minute, or 0 without a limit. */
  long outputTokensPerMinute() {
    return output == null ? 0 : output.perMinute();
  }

  /**
   * Writes the request headers from {@code permit}, or the generous constants when it is {@code
   * null}.
   */
  void writeRequests(MockResponse response, TokenBucket.Permit permit, Instant now) {
    RateLimitHeaders.Shown shown;
    if (permit == null) {
      shown = RateLimitHeaders.unlimitedRequests(now);
    } else {
      long limit =
          requestsHeader == RequestsLimitHeader.BURST
              ? (long) requests.capacity()
              : requests.perMinute();
      shown = new RateLimitHeaders.Shown(limit, permit.remaining(), permit.fullAt());
    }
    RateLimitHeaders.write(response, "requests", shown);
  }

  /**
   * Writes the input, output and total token headers: limited families from {@code tokens}, the
   * others from the constants less {@code usedInput} and {@code usedOutput}. The total shows the
   * most restrictive limited family (the one with fewer tokens left), or the sum of the constants
   * when neither is limited.
   */
  void writeTokens(
      MockResponse response, Tokens tokens, Instant now, long usedInput, long usedOutput) {
    RateLimitHeaders.Shown in =
        input == null
            ? RateLimitHeaders.unlimitedTokens(RateLimitHeaders.INPUT_TOKENS_LIMIT, usedInput, now)
            : RateLimitHeaders.tokens(input, tokens.input());
    RateLimitHeaders.Shown out =
        output == null
            ? RateLimitHeaders.unlimitedTokens(
                RateLimitHeaders.OUTPUT_TOKENS_LIMIT, usedOutput, now)
            : RateLimitHeaders.tokens(output, tokens.output());
    RateLimitHeaders.Shown total;
    if (input != null && output != null) {
      total = tokens.input().remaining() <= tokens.output().remaining() ? in : out;
    } else if (input != null) {
      total = in;
    } else if (output != null) {
      total = out;
    } else {
      total =
          RateLimitHeaders.unlimitedTokens(
              RateLimitHeaders.INPUT_TOKENS_LIMIT + RateLimitHeaders.OUTPUT_TOKENS_LIMIT,
              usedInput + usedOutput,
              now);
    }
    RateLimitHeaders.write(response, "input-tokens", in);
    RateLimitHeaders.write(response, "output-tokens", out);
    RateLimitHeaders.write(response, "tokens", total);
  }

  private static TokenBucket.Permit check(TokenBucket bucket, long amount) {
    return bucket == null ? null : bucket.check(amount);
  }

  private static TokenBucket.Permit take(TokenBucket bucket, long amount) {
    return bucket == null ? null : bucket.tryTake(amount);
  }
}
