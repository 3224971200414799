package dev.declaude;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.declaude.event.ClaudeListener;
import dev.declaude.internal.http.ApiKeys;
import dev.declaude.internal.http.OkHttpTransport;
import dev.declaude.internal.http.ReadLimits;
import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.internal.service.Listeners;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.response.ResponseMetadata;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEngineBuilder;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Builds a {@link ClaudeClient}. Not thread-safe; the built client is.
 *
 * <p>Defaults: base URL {@code https://api.anthropic.com}; the catalogue's default model; connect
 * timeout 10 s; read timeout 10 min and call timeout 10 min (a non-streaming answer with a large
 * {@code max_tokens} can take minutes before its first byte, which is also the official SDK's
 * default); write timeout 1 min.
 */
public final class ClaudeClientBuilder {
  /**
   * The API's own base URL: where a client sends unless {@link #baseUrl} or {@link #fromEnv()} says
   * otherwise.
   */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  private String apiKey;
  private String baseUrl = DEFAULT_BASE_URL;
  private String model = ModelCatalogue.standard().defaultModel().id();
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration readTimeout = Duration.ofMinutes(10);
  private Duration writeTimeout = Duration.ofMinutes(1);
  private Duration callTimeout = Duration.ofMinutes(10);
  private OkHttpClient okHttpClient;
  private Transport transport;
  private Clock clock = Clock.systemUTC();
  private RetryEngine retryEngine;
  private Duration maxServerWait;
  private Boolean pacing;
  private RateLimitDomain rateLimitDomain;
  private RateLimitStore rateLimitStore;
  private final List<ClaudeListener> listeners = new ArrayList<>();
  private long maxResponseBytes = ReadLimits.DEFAULTS.maxResponseBytes();
  private long maxStreamEventBytes = ReadLimits.DEFAULTS.maxStreamEventBytes();
  private RetryPolicy defaultRetryPolicy = RetryPolicy.none();
  private ObjectMapper answerMapper;

  ClaudeClientBuilder() {}

  /**
   * Sets the retry engine: its clock, retry budget, rate-limit domain and listeners. By default
   * each client builds its own, from the settings of this builder, in the rate-limit domain of its
   * key (see {@link #rateLimitDomain}). An engine given here brings its own domain (an engine on
   * virtual time in tests, say).
   */
  public ClaudeClientBuilder retryEngine(RetryEngine engine) {
    this.retryEngine = Objects.requireNonNull(engine, "engine");
    return this;
  }

  /**
   * Sets the longest wait a server may ask for that the client believes: 2 minutes by default. A
   * failure whose {@code retry-after} asks for more is thrown at once (its {@code retryAfter()}
   * intact, its message saying why) instead of sleeping, and the pacer never holds a caller longer
   * than this on the word of a response. The API's own waits are seconds to a minute; a longer one
   * comes from a gateway, a proxy or a bug, and believing it would stall every caller. A
   * {@code @RetryOn(maxServerWaitMs = ...)} overrides it per method.
   *
   * @throws NullPointerException if {@code maxServerWait} is null
   * @throws IllegalArgumentException if {@code maxServerWait} is zero or negative
   */
  public ClaudeClientBuilder maxServerWait(Duration maxServerWait) {
    this.maxServerWait = positive(maxServerWait, "maxServerWait");
    return this;
  }

  /**
   * Names the rate-limit domain whose pacing, retry budget and outage recovery this client shares.
   * By default it is the domain of the API key at the base URL ({@link RateLimitDomain#of}):
   * clients of the same key and base URL share it, clients of different keys never share anything,
   * and the key itself is never stored, only a keyed hash of it. Name a domain to make two keys of
   * one organisation share its limits, or use {@link RateLimitDomain#unshared()} for a client that
   * keeps its pacing to itself. A client with its own {@link #transport} shares nothing unless it
   * names a domain.
   *
   * @throws NullPointerException if {@code domain} is null
   */
  public ClaudeClientBuilder rateLimitDomain(RateLimitDomain domain) {
    this.rateLimitDomain = Objects.requireNonNull(domain, "domain");
    return this;
  }

  /**
   * Sets where the rate-limit domain keeps its state: this process ({@link
   * RateLimitStore#inProcess()}, the default) or a store a fleet of processes shares, so that they
   * pace as one client of their organisation's limits. A store that is down or slow never fails a
   * call: the client carries on with this process's own state, logs one warning, and shares again
   * once the store answers.
   *
   * <pre>{@code
   * ClaudeClient.builder().fromEnv().rateLimitStore(RedisRateLimitStore.create("redis://redis:6379")).build();
   * }</pre>
   *
   * @throws NullPointerException if {@code store} is null
   */
  public ClaudeClientBuilder rateLimitStore(RateLimitStore store) {
    this.rateLimitStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets the most bytes of a non-streamed answer (a message, a token count) the client reads: 32
   * MiB by default, the API's own request-size limit and far above any real answer (128K output
   * tokens are well under 1 MiB of text). A larger body is a {@code MalformedResponseException}
   * naming the cap, thrown after reading no more than the cap, so a broken or hostile server cannot
   * exhaust the heap.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is below 1
   */
  public ClaudeClientBuilder maxResponseBytes(long maxBytes) {
    this.maxResponseBytes = atLeastOne(maxBytes, "maxResponseBytes");
    return this;
  }

  /**
   * Sets the most bytes of one line, or of one event's data, of a streamed answer: 8 MiB by default
   * (the API's events are a few bytes to a few KiB each). A larger one is a {@code
   * MalformedResponseException} naming the cap, thrown after buffering no more than the cap.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is below 1
   */
  public ClaudeClientBuilder maxStreamEventBytes(long maxBytes) {
    this.maxStreamEventBytes = atLeastOne(maxBytes, "maxStreamEventBytes");
    return this;
  }

  /**
   * Switches pacing on (the default) or off. On, the client reads the API's {@code
   * anthropic-ratelimit-*} headers and holds a call while the rate limit has no room, instead of
   * spending it on a 429; pacing only ever spares requests the server would refuse. Off, every call
   * goes at once and 429s are retried by the policy alone.
   */
  public ClaudeClientBuilder pacing(boolean on) {
    this.pacing = on;
    return this;
  }

  /**
   * Adds a listener of what the client does: retries, pacing waits, give-ups, and what its services
   * do (context truncation). Listeners are told in the order they were added. With an engine given
   * by {@link #retryEngine}, the engine's own listeners hear its events; this one hears the
   * services'.
   *
   * @throws NullPointerException if {@code listener} is null
   */
  public ClaudeClientBuilder listener(ClaudeListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Sets the retry policy of calls that declare none: low-level {@code send}s and service methods
   * without {@code @RetryOn} on them or their interface. Default: {@link RetryPolicy#none()}, one
   * attempt.
   */
  public ClaudeClientBuilder defaultRetryPolicy(RetryPolicy policy) {
    this.defaultRetryPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Sets the Jackson mapper that reads structured answers into records and classes. Default: a
   * mapper with the Java 8 ({@code Optional}) and java.time modules that ignores unknown
   * properties.
   */
  public ClaudeClientBuilder answerMapper(ObjectMapper mapper) {
    this.answerMapper = Objects.requireNonNull(mapper, "mapper");
    return this;
  }

  /**
   * Sets the API key.
   *
   * @throws IllegalArgumentException if it is blank or holds whitespace or non-ASCII characters
   */
  public ClaudeClientBuilder apiKey(String apiKey) {
    this.apiKey = ApiKeys.validate(apiKey);
    return this;
  }

  /**
   * Sets the API's base URL, for a proxy or a local simulator; a path prefix is kept.
   *
   * @throws IllegalArgumentException if it is not an http or https URL
   */
  public ClaudeClientBuilder baseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (HttpUrl.parse(baseUrl) == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL, such as "
              + DEFAULT_BASE_URL
              + "; was \""
              + baseUrl
              + "\"");
    }
    this.baseUrl = baseUrl;
    return this;
  }

  /**
   * Sets the default model, used when a request or prompt names none.
   *
   * @throws IllegalArgumentException if it is blank
   */
  public ClaudeClientBuilder model(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    this.model = model;
    return this;
  }

  /** Sets the TCP connect timeout. */
  public ClaudeClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /** Sets the longest silence between two reads of a response. */
  public ClaudeClientBuilder readTimeout(Duration timeout) {
    this.readTimeout = positive(timeout, "readTimeout");
    return this;
  }

  /** Sets the longest silence between two writes of a request. */
  public ClaudeClientBuilder writeTimeout(Duration timeout) {
    this.writeTimeout = positive(timeout, "writeTimeout");
    return this;
  }

  /**
   * Sets the whole call's default timeout, per attempt; a call can override it with RequestOptions.
   * For a streamed call it bounds the wait for the response's headers only: a healthy stream that
   * keeps sending events is bounded by the read timeout between them (and by a timeout given in its
   * RequestOptions), never cut because the whole answer took longer.
   */
  public ClaudeClientBuilder callTimeout(Duration timeout) {
    this.callTimeout = positive(timeout, "callTimeout");
    return this;
  }

  /**
   * Shares an application's OkHttp client (its pool, dispatcher, interceptors); the timeouts set
   * here are applied to a derived client, and closing the Claude client leaves the shared one
   * running.
   */
  public ClaudeClientBuilder okHttpClient(OkHttpClient client) {
    this.okHttpClient = Objects.requireNonNull(client, "client");
    return this;
  }

  /**
   * Replaces the HTTP transport, for tests and benchmarks; with it set, the key, base URL, timeouts
   * and OkHttp client are not used.
   */
  public ClaudeClientBuilder transport(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    return this;
  }

  /**
   * Sets the wall clock: read for {@code retry-after} dates, and by {@code create()} for the day
   * against which model deprecations and retirements are judged. For tests.
   */
  public ClaudeClientBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Reads the key and base URL from the environment and system properties; see {@link
   * ClaudeClient#fromEnv()}.
   */
  public ClaudeClientBuilder fromEnv() {
    return fromEnv(System.getenv(), System.getProperties());
  }

  ClaudeClientBuilder fromEnv(Map<String, String> env, Properties system) {
    String key = firstPresent(system.getProperty("anthropic.apiKey"), env.get("ANTHROPIC_API_KEY"));
    if (key == null) {
      throw new IllegalStateException(
          "no API key: set the ANTHROPIC_API_KEY environment variable "
              + "or the anthropic.apiKey system property");
    }
    apiKey(key);
    String url =
        firstPresent(system.getProperty("anthropic.baseUrl"), env.get("ANTHROPIC_BASE_URL"));
    if (url != null) {
      baseUrl(url);
    }
    return this;
  }

  private static String firstPresent(String first, String second) {
    if (first != null && !first.isBlank()) {
      return first.trim();
    }
    return second != null && !second.isBlank() ? second.trim() : null;
  }

  /**
   * Returns the client.
   *
   * @throws IllegalStateException if no API key was set (and no transport replaces HTTP)
   */
  public ClaudeClient build() {
    ClientConfig config =
        new ClientConfig(baseUrl, model, connectTimeout, readTimeout, writeTimeout, callTimeout);
    RateLimitDomain limits = rateLimitDomain();
    RetryEngine engine = engine(limits);
    Listeners told = new Listeners(listeners);
    String domain = limits.id();
    // Every response tells the listeners where the rate limits stand. Only a success tells the
    // pacer here: a
    // failure reaches it as the exception the engine reads, and told twice it would count one
    // refusal as two.
    Transport t =
        transport != null
            ? transport
            : httpTransport(
                config,
                metadata -> {
                  if (metadata.status() < 400) {
                    engine.observe(metadata);
                  }
                  told.rateLimits(domain, metadata.rateLimits());
                });
    ObjectMapper mapper = answerMapper != null ? answerMapper : defaultAnswerMapper();
    return new ClaudeClient(config, t, engine, defaultRetryPolicy, mapper, clock, told);
  }

  private RateLimitDomain rateLimitDomain() {
    if (rateLimitDomain != null) {
      return rateLimitDomain;
    }
    // A replaced transport does not talk to the base URL with the key: it shares nobody's limits.
    return transport != null || apiKey == null
        ? RateLimitDomain.unshared()
        : RateLimitDomain.of(baseUrl, apiKey);
  }

  private RetryEngine engine(RateLimitDomain domain) {
    if (retryEngine == null) {
      RetryEngineBuilder b = RetryEngine.builder().rateLimitDomain(domain);
      if (rateLimitStore != null) {
        b.rateLimitStore(rateLimitStore);
      }
      listeners.forEach(b::listener);
      if (maxServerWait != null) {
        b.maxServerWait(maxServerWait);
      }
      if (pacing != null) {
        b.pacing(pacing);
      }
      return b.build();
    }
    if (maxServerWait != null
        || pacing != null
        || rateLimitDomain != null
        || rateLimitStore != null) {
      throw new IllegalStateException(
          "maxServerWait(...), pacing(...), rateLimitDomain(...) and rateLimitStore(...) configure the client's"
              + " own retry engine, but retryEngine(...) supplied one: set them on RetryEngine.builder() instead");
    }
    return retryEngine;
  }

  private static ObjectMapper defaultAnswerMapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  private Transport httpTransport(ClientConfig config, Consumer<ResponseMetadata> observer) {
    if (apiKey == null) {
      throw new IllegalStateException(
          "no API key: call apiKey(...), or use ClaudeClient.fromEnv() "
              + "with ANTHROPIC_API_KEY set");
    }
    OkHttpClient base = okHttpClient != null ? okHttpClient : new OkHttpClient();
    OkHttpClient http =
        base.newBuilder()
            .connectTimeout(config.connectTimeout())
            .readTimeout(config.readTimeout())
            .writeTimeout(config.writeTimeout())
            .callTimeout(config.callTimeout())
            // Retries are the retry engine's: OkHttp's silent re-send would hide attempts from it.
            .retryOnConnectionFailure(false)
            // The API never redirects; a redirect would carry the API key to wherever it points.
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    return new OkHttpTransport(
        http,
        okHttpClient == null,
        HttpUrl.get(baseUrl),
        apiKey,
        clock,
        observer,
        new ReadLimits(maxResponseBytes, maxStreamEventBytes));
  }

  private static long atLeastOne(long bytes, String name) {
    if (bytes < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 byte, was " + bytes);
    }
    return bytes;
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }
}
