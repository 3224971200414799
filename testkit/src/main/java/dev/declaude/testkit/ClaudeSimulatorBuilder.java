package dev.declaude.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Configures a {@link ClaudeSimulator}; get one from {@link ClaudeSimulator#builder()}. Not
 * thread-safe; the simulator it builds is.
 */
public final class ClaudeSimulatorBuilder {
  private String apiKey = ClaudeSimulator.DEFAULT_API_KEY;
  private Clock clock = Clock.systemUTC();
  private double requestsPerSecond;
  private int burst;
  private RequestsLimitHeader requestsLimitHeader = RequestsLimitHeader.PER_MINUTE;
  private long inputTokensPerMinute;
  private int maxConcurrentRequests;
  private long outputTokensPerMinute;
  private RetryAfterStyle retryAfterStyle = RetryAfterStyle.WHOLE_SECONDS;
  private Duration latency = Duration.ZERO;
  private long seed;
  private Function<ReceivedRequest, String> replier;
  private int maxRecordedRequests = 10_000;
  private String organizationId;
  private String host = "127.0.0.1";
  private int port;
  private final List<FaultPlan.Rate> faultRates = new ArrayList<>();

  ClaudeSimulatorBuilder() {}

  /**
   * Sets the one key the simulator accepts.
   *
   * @throws IllegalArgumentException if {@code apiKey} is blank
   */
  public ClaudeSimulatorBuilder apiKey(String apiKey) {
    if (Objects.requireNonNull(apiKey, "apiKey").isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    this.apiKey = apiKey;
    return this;
  }

  /**
   * Sets the clock for rate-limit refill, outages, reset headers and model retirement; a {@link
   * FakeClock} in tests.
   */
  public ClaudeSimulatorBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Limits Messages requests with a token bucket holding {@code burst} requests, refilled
   * continuously at {@code requestsPerSecond}; a request finding it empty gets 429 with {@code
   * retry-after}. count_tokens is not limited (the API limits it separately). Responses report the
   * limit per minute in {@code anthropic-ratelimit-requests-limit} (see {@link
   * #requestsLimitHeader}), the whole requests left in {@code -remaining} and when the bucket is
   * full again in {@code -reset}.
   *
   * @throws IllegalArgumentException if {@code requestsPerSecond} is not positive or {@code burst}
   *     is below 1
   */
  public ClaudeSimulatorBuilder rateLimit(double requestsPerSecond, int burst) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException(
          "requestsPerSecond must be positive and finite, was " + requestsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be >= 1, was " + burst);
    }
    this.requestsPerSecond = requestsPerSecond;
    this.burst = burst;
    return this;
  }

  /**
   * Sets what {@code anthropic-ratelimit-requests-limit} reports for the {@linkplain
   * #rateLimit(double, int) request rate limit}: requests per minute, as the API does (the
   * default), or the bucket's burst, as some gateways do. The limiter itself is the same either
   * way.
   *
   * <p>Needs a request rate limit: {@link #build()} refuses {@link RequestsLimitHeader#BURST}
   * without one.
   */
  public ClaudeSimulatorBuilder requestsLimitHeader(RequestsLimitHeader header) {
    this.requestsLimitHeader = Objects.requireNonNull(header, "header");
    return this;
  }

  /**
   * Lets the server serve at most {@code max} Messages requests at once, like an API near its
   * capacity: a request arriving while {@code max} are being served gets 529 {@code
   * overloaded_error} with the documented body ({@code "Overloaded"}) and no {@code retry-after}. A
   * request counts from its arrival until its response has been written in full, a streamed one
   * until its last event; the response latency and scripted delays count too. Requests that meet a
   * scripted error or a dropped connection, and count_tokens requests, do not count.
   *
   * @throws IllegalArgumentException if {@code max} is below 1
   */
  public ClaudeSimulatorBuilder maxConcurrentRequests(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConcurrentRequests must be >= 1, was " + max);
    }
    this.maxConcurrentRequests = max;
    return this;
  }

  /**
   * Limits the input tokens of Messages requests per minute, with a token bucket as the API
   * describes it: it holds {@code inputTokensPerMinute} and refills continuously at that rate. A
   * request needs its input tokens by {@link TokenEstimator} (the simulator does not model prompt
   * caching, so all of them count as uncached); it passes if the bucket holds that many, which are
   * then taken. Otherwise it gets 429 {@code rate_limit_error} with {@code retry-after} in whole
   * seconds for when the bucket will hold them. A request needing more than a minute's limit can
   * never pass: it gets 429 with {@code x-should-retry: false} and no {@code retry-after}.
   *
   * <p>Every response then reports the bucket in {@code anthropic-ratelimit-input-tokens-*}: the
   * limit per minute, what is left rounded to the nearest thousand, and when it is full again.
   *
   * @throws IllegalArgumentException if {@code inputTokensPerMinute} is below 1
   */
  public ClaudeSimulatorBuilder inputTokensPerMinute(long inputTokensPerMinute) {
    if (inputTokensPerMinute < 1) {
      throw new IllegalArgumentException(
          "inputTokensPerMinute must be >= 1, was " + inputTokensPerMinute);
    }
    this.inputTokensPerMinute = inputTokensPerMinute;
    return this;
  }

  /**
   * Limits the output tokens of Messages requests per minute, with a token bucket that holds {@code
   * outputTokensPerMinute} and refills continuously at that rate. A request reserves its {@code
   * max_tokens} when it starts: it passes if the bucket holds that many, else it gets 429 like an
   * {@linkplain #inputTokensPerMinute(long) input-token refusal}. When its answer has been written,
   * the part it did not generate ({@code max_tokens} less its output tokens) goes back into the
   * bucket.
   *
   * <p>Every response then reports the bucket in {@code anthropic-ratelimit-output-tokens-*};
   * {@code anthropic-ratelimit-tokens-*} shows whichever limited family has fewer tokens left.
   *
   * @throws IllegalArgumentException if {@code outputTokensPerMinute} is below 1
   */
  public ClaudeSimulatorBuilder outputTokensPerMinute(long outputTokensPerMinute) {
    if (outputTokensPerMinute < 1) {
      throw new IllegalArgumentException(
          "outputTokensPerMinute must be >= 1, was " + outputTokensPerMinute);
    }
    this.outputTokensPerMinute = outputTokensPerMinute;
    return this;
  }

  /** Sets how the rate limiters' 429s say when to retry; whole seconds by default, like the API. */
  public ClaudeSimulatorBuilder retryAfterStyle(RetryAfterStyle style) {
    this.retryAfterStyle = Objects.requireNonNull(style, "style");
    return this;
  }

  /**
   * Holds every response's headers back for {@code latency} (a real wait on the server's thread).
   *
   * @throws IllegalArgumentException if {@code latency} is negative
   */
  public ClaudeSimulatorBuilder latency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative, was " + latency);
    }
    this.latency = latency;
    return this;
  }

  /** Sets the seed of all randomness: fault rates, ids. The same seed gives the same run. */
  public ClaudeSimulatorBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Sets the function that writes replies when no scripted reply is queued. */
  public ClaudeSimulatorBuilder replier(Function<ReceivedRequest, String> replier) {
    this.replier = Objects.requireNonNull(replier, "replier");
    return this;
  }

  /**
   * Sets how many received requests {@link ClaudeSimulator#requests()} keeps (the latest); 10,000
   * by default.
   *
   * @throws IllegalArgumentException if {@code max} is below 1
   */
  public ClaudeSimulatorBuilder maxRecordedRequests(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    this.maxRecordedRequests = max;
    return this;
  }

  /** Sets the {@code anthropic-organization-id} sent back; by default a UUID made from the seed. */
  public ClaudeSimulatorBuilder organizationId(String organizationId) {
    this.organizationId = Objects.requireNonNull(organizationId, "organizationId");
    return this;
  }

  /**
   * Makes each request meet {@code fault} with {@code probability}, like {@link
   * ClaudeSimulator#faultRate}, but as part of the simulator's settings: {@link
   * ClaudeSimulator#reset()} keeps these rates, while it forgets those added to the running
   * simulator. Rates add up.
   *
   * @throws IllegalArgumentException if {@code probability} is outside [0, 1] or the rates set here
   *     add up to more than 1
   */
  public ClaudeSimulatorBuilder faultRate(double probability, Fault fault) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    double total = probability + faultRates.stream().mapToDouble(FaultPlan.Rate::probability).sum();
    if (total > 1.0 + 1e-9) {
      throw new IllegalArgumentException("fault rates add up to " + total + ", more than 1");
    }
    faultRates.add(new FaultPlan.Rate(probability, Objects.requireNonNull(fault, "fault")));
    return this;
  }

  /**
   * Sets the address to listen on: {@code 127.0.0.1} by default, so only this machine can connect.
   * A host name is resolved when the simulator starts; {@code 0.0.0.0} listens on every interface.
   *
   * <p>The {@linkplain ClaudeSimulator admin endpoint} needs no key: on an address other machines
   * can reach, they can script the simulator too.
   *
   * @throws IllegalArgumentException if {@code host} is blank
   */
  public ClaudeSimulatorBuilder host(String host) {
    if (Objects.requireNonNull(host, "host").isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    this.host = host;
    return this;
  }

  /**
   * Sets the port to listen on; 0, the default, picks a free port ({@link
   * ClaudeSimulator#baseUrl()} tells which).
   *
   * @throws IllegalArgumentException if {@code port} is outside 0..65535
   */
  public ClaudeSimulatorBuilder port(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * Returns a new, not yet started simulator.
   *
   * @throws IllegalStateException if {@link RequestsLimitHeader#BURST} was chosen without a request
   *     rate limit
   */
  public ClaudeSimulator build() {
    if (requestsLimitHeader == RequestsLimitHeader.BURST && burst == 0) {
      throw new IllegalStateException(
          "requestsLimitHeader(BURST) reports the burst of the request rate limit;"
              + " set rateLimit(requestsPerSecond, burst) too");
    }
    String org = organizationId;
    if (org == null) {
      Random random = new Random(seed);
      org = new UUID(random.nextLong(), random.nextLong()).toString();
    }
    return ClaudeSimulator.create(
        new SimulatorConfig(
            apiKey,
            clock,
            requestsPerSecond,
            burst,
            requestsLimitHeader,
            maxConcurrentRequests,
            inputTokensPerMinute,
            outputTokensPerMinute,
            retryAfterStyle,
            latency,
            seed,
            replier,
            maxRecordedRequests,
            org,
            host,
            port,
            List.copyOf(faultRates)));
  }

  @Override
  public String toString() {
    return "ClaudeSimulatorBuilder[rateLimit="
        + requestsPerSecond
        + "/s burst "
        + burst
        + ", seed="
        + seed
        + "]";
  }
}
