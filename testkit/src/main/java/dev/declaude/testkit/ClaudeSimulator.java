package dev.declaude.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A local Claude Messages API on loopback that real clients, the official SDK included, cannot tell
 * from the API for the cases it models: auth and version headers, request validation with the API's
 * own messages, JSON and streamed answers, {@code count_tokens}, rate-limit headers and
 * token-bucket limiters of requests, input tokens and output tokens, a capacity limit, and scripted
 * faults. Its {@link #timeline()} records when each request arrived and how it was answered.
 *
 * <pre>{@code
 * try (ClaudeSimulator sim = ClaudeSimulator.builder().rateLimit(5, 10).build().start()) {
 *   sim.enqueueReply("Paris.");
 *   sim.enqueue(Fault.status(529), Fault.status(429).retryAfter("2"));
 *   AnthropicClient client = AnthropicOkHttpClient.builder()
 *       .baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Each request meets at most one fault: first the queue of {@link #enqueue scripted faults},
 * then an {@link #outage outage} in force, then the random {@link #faultRate fault rates}. Error
 * faults and dropped connections answer before any check; delays, drops during the body and stream
 * errors apply to the normal answer. All time-based behaviour reads the builder's clock.
 *
 * <p>Every simulator also serves an admin endpoint on its own port, JSON over HTTP under {@code
 * /_simulator/} (a path the real API never uses), through which programs in any language script it
 * as this class does: queue faults and replies, start an outage, add a fault rate, reset, read the
 * recorded requests and the timeline. Its requests need no key and are not counted as API requests.
 * The routes and bodies are listed in the testkit's README ("The simulator for non-Java users").
 *
 * <p>Thread-safe: many client threads may call it at once, and tests may script it while they do.
 */
public final class ClaudeSimulator implements AutoCloseable {
  /** The key a simulator accepts unless the builder sets another. Not a real key. */
  public static final String DEFAULT_API_KEY = "sk-ant-sim-00000000000000000000000000000000";

  // MockWebServer logs every exchange (and every idle connection a client closes) through
  // java.util.logging;
  // the simulator logs through SLF4J instead. Held strongly so the level sticks.
  private static final java.util.logging.Logger MOCK_WEB_SERVER_LOG =
      java.util.logging.Logger.getLogger(MockWebServer.class.getName());

  private final SimulatorConfig config;
  private final FaultPlan faults;
  private final ReplyGenerator replies;
  private final RequestLog log;
  private final Timeline timeline = new Timeline();
  private final SimulatorDispatcher dispatcher;
  private final MockWebServer server = new MockWebServer();
  private volatile boolean started;
  private volatile String urlHost;

  private ClaudeSimulator(SimulatorConfig config) {
    this.config = config;
    this.faults = new FaultPlan(config.seed(), config.faultRates());
    this.replies = new ReplyGenerator(config.replier());
    this.log = new RequestLog(config.maxRecordedRequests());
    this.dispatcher =
        new SimulatorDispatcher(
            config, faults, replies, log, timeline, new AdminEndpoint(this), this::dropServerCopy);
    server.setDispatcher(dispatcher);
    server.setServerSocketFactory(new ServingSockets(dispatcher::responseComplete));
  }

  // MockWebServer queues every request it reads (bodies included) for takeRequest(), unbounded; the
  // simulator
  // keeps its own bounded log, so it takes one off that queue per request to keep a long load run's
  // heap flat.
  private void dropServerCopy() {
    try {
      server.takeRequest(0, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns a builder with the defaults: default key, system clock, no rate limit, no latency, seed
   * 0.
   */
  public static ClaudeSimulatorBuilder builder() {
    return new ClaudeSimulatorBuilder();
  }

  static ClaudeSimulator create(SimulatorConfig config) {
    return new ClaudeSimulator(config);
  }

  /**
   * Starts serving, by default on 127.0.0.1 at a free port (see {@link ClaudeSimulatorBuilder#host}
   * and {@link ClaudeSimulatorBuilder#port}), and returns this simulator.
   *
   * @throws IllegalStateException if it was started before
   * @throws UncheckedIOException if the host is unknown or the port cannot be bound
   */
  public synchronized ClaudeSimulator start() {
    if (started) {
      throw new IllegalStateException("this simulator was already started; build a new one");
    }
    MOCK_WEB_SERVER_LOG.setLevel(Level.SEVERE);
    InetAddress address;
    try {
      address = InetAddress.getByName(config.host());
      server.start(address, config.port());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot bind the simulator to "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + e.getMessage(),
          e);
    }
    urlHost = urlHost(address);
    started = true;
    return this;
  }

  // Listening on every interface, the simulator is still reached through loopback from this
  // machine.
  private static String urlHost(InetAddress address) {
    InetAddress shown = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
    String literal = shown.getHostAddress();
    return shown instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  /**
   * Returns the base URL clients use, such as {@code http://127.0.0.1:53127}, without a trailing
   * slash.
   *
   * @throws IllegalStateException if the simulator is not started
   */
  public String baseUrl() {
    if (!started) {
      throw new IllegalStateException("start() the simulator before asking for its URL");
    }
    return "http://" + urlHost + ":" + server.getPort();
  }

  /** Returns the API key this simulator accepts, in {@code x-api-key} or as a bearer token. */
  public String apiKey() {
    return config.apiKey();
  }

  /** Returns the organization id sent in {@code anthropic-organization-id}. */
  public String organizationId() {
    return config.organizationId();
  }

  /** Returns the clock all time-based behaviour reads. */
  public Clock clock() {
    return config.clock();
  }

  /**
   * Queues {@code text} as the reply to a later successful Messages request; replies are used in
   * order.
   */
  public ClaudeSimulator enqueueReply(String text) {
    replies.enqueue(Objects.requireNonNull(text, "text"));
    return this;
  }

  /** Queues faults for the next requests, one per request, in order. */
  public ClaudeSimulator enqueue(Fault... faults) {
    for (Fault fault : faults) {
      Objects.requireNonNull(fault, "fault");
    }
    this.faults.enqueue(faults);
    return this;
  }

  /**
   * Makes every request meet {@code fault} from now until the clock passes now + {@code duration}:
   * the server is down for that long.
   *
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public ClaudeSimulator outage(Duration duration, Fault fault) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("an outage cannot last " + duration);
    }
    Instant until = config.clock().instant().plus(duration);
    faults.outage(until, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /**
   * Makes every request for {@code model} (matched as the request names it) meet {@code fault} from
   * now until the clock passes now + {@code duration}: that model is down, or overloaded, while
   * others answer. Used to show fallback models at work.
   *
   * @throws IllegalArgumentException if {@code duration} is negative or {@code model} is blank
   */
  public ClaudeSimulator outage(String model, Duration duration, Fault fault) {
    if (Objects.requireNonNull(model, "model").isBlank()) {
      throw new IllegalArgumentException("the model of an outage is blank");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("an outage cannot last " + duration);
    }
    faults.outage(
        config.clock().instant().plus(duration), Objects.requireNonNull(fault, "fault"), model);
    return this;
  }

  /**
   * Makes each request meet {@code fault} with {@code probability}, drawn from the seeded
   * generator. Rates add up: {@code faultRate(0.20, Fault.status(529)).faultRate(0.05,
   * Fault.status(500))} fails a quarter.
   *
   * @throws IllegalArgumentException if {@code probability} is outside [0, 1] or the rates add up
   *     to more than 1
   */
  public ClaudeSimulator faultRate(double probability, Fault fault) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    faults.rate(probability, Objects.requireNonNull(fault, "fault"));
    return this;
  }

  /**
   * Returns the requests received so far, oldest first (the most recent ones if there were very
   * many).
   */
  public List<ReceivedRequest> requests() {
    return log.snapshot();
  }

  /**
   * Returns every request received since start or the last {@link #reset()}, oldest first: the
   * instant it arrived by the simulator's clock and the status it was answered with (0 for a
   * dropped connection), so a benchmark can plot requests and refusals over time.
   *
   * <p>Entries take 16 bytes each in primitive arrays, not a {@link ReceivedRequest} each, so a
   * long run keeps a flat heap; past a million requests the oldest entries are dropped.
   */
  public List<TimelineEntry> timeline() {
    return timeline.snapshot();
  }

  /** Returns how many requests were received since start or the last {@link #reset()}. */
  public int requestCount() {
    return log.count();
  }

  /**
   * Returns to the state after {@code start()}: no scripted faults, outages or replies, only the
   * fault rates set on the {@linkplain ClaudeSimulatorBuilder#faultRate builder}, no recorded
   * requests or timeline, full rate-limit buckets, the random sequence back at its seed. Requests
   * being served still count against {@linkplain ClaudeSimulatorBuilder#maxConcurrentRequests the
   * capacity} until they are done.
   */
  public ClaudeSimulator reset() {
    faults.clear();
    replies.clear();
    log.clear();
    timeline.clear();
    dispatcher.refill();
    return this;
  }

  /** Stops serving; idempotent. */
  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the simulator", e);
    }
  }

  @Override
  public String toString() {
    return "ClaudeSimulator[" + (started ? baseUrl() : "not started") + ", " + config + "]";
  }
}
