package dev.declaude.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * The {@code declaude.*} properties of the auto-configured {@code ClaudeClient}. A property left
 * unset keeps the client's own default, named below; the settings are those of {@code
 * ClaudeClientBuilder}.
 *
 * <pre>
 * declaude.api-key=${ANTHROPIC_API_KEY}
 * declaude.model=claude-sonnet-4-6
 * declaude.retry.kinds=RATE_LIMIT,SERVER
 * </pre>
 *
 * <p>JavaBean accessors, unlike the rest of declaude: Spring Boot binds properties and generates
 * their IDE metadata through them. No accessor's value reaches a log line or a {@code toString}.
 */
@ConfigurationProperties("declaude")
public class DeclaudeProperties {
  /**
   * The API key. When unset: the anthropic.apiKey property, else the ANTHROPIC_API_KEY environment
   * variable, as ClaudeClient.fromEnv() reads them.
   */
  private String apiKey;

  /**
   * The API's base URL, for a proxy or a local simulator. When unset: the anthropic.baseUrl
   * property, else the ANTHROPIC_BASE_URL environment variable, else https://api.anthropic.com.
   */
  private String baseUrl;

  /**
   * The model of requests and prompts that name none. Default: the model catalogue's,
   * claude-sonnet-4-6.
   */
  private String model;

  /** The TCP connect timeout. Default: 10 s. */
  private Duration connectTimeout;

  /** The longest silence between two reads of a response. Default: 10 min. */
  private Duration readTimeout;

  /** The longest silence between two writes of a request. Default: 1 min. */
  private Duration writeTimeout;

  /**
   * A whole non-streamed call's timeout, per attempt; for a stream, the wait for its headers.
   * Default: 10 min.
   */
  private Duration callTimeout;

  /**
   * The longest wait a server may ask for (retry-after, a rate limit's reset) that the client
   * believes; a failure asking for more is thrown at once. Default: 2 min.
   */
  private Duration maxServerWait;

  /**
   * Whether the client paces calls from the API's rate-limit headers instead of spending them on
   * 429s. Default: true.
   */
  private Boolean pacing;

  /**
   * The name of the rate-limit domain the client and woven code share: two keys of one
   * organisation, named alike, share its limits. When unset: the domain of the API key at the base
   * URL (a keyed hash, never the key).
   */
  private String rateLimitDomain;

  /**
   * A Redis (redis://host:port, with declaude-redis on the classpath) where the pods of a fleet
   * share their rate-limit domain: pacing, retry budget and recovery. When unset: each process
   * keeps its own. A Redis that is down or slow never fails a call.
   */
  private String redisUri;

  /** The most bytes of a non-streamed answer the client reads. Default: 32MB. */
  private DataSize maxResponseBytes;

  /** The most bytes of one line, or one event's data, of a streamed answer. Default: 8MB. */
  private DataSize maxStreamEventBytes;

  /** The retry policy of calls that declare none: low-level sends and methods without @RetryOn. */
  @NestedConfigurationProperty
  private final DeclaudeRetryProperties retry = new DeclaudeRetryProperties();

  private final Metrics metrics = new Metrics();

  private final Health health = new Health();

  public String getApiKey() {
    return apiKey;
  }

  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public Duration getWriteTimeout() {
    return writeTimeout;
  }

  public void setWriteTimeout(Duration writeTimeout) {
    this.writeTimeout = writeTimeout;
  }

  public Duration getCallTimeout() {
    return callTimeout;
  }

  public void setCallTimeout(Duration callTimeout) {
    this.callTimeout = callTimeout;
  }

  public Duration getMaxServerWait() {
    return maxServerWait;
  }

  public void setMaxServerWait(Duration maxServerWait) {
    this.maxServerWait = maxServerWait;
  }

  public String getRateLimitDomain() {
    return rateLimitDomain;
  }

  public void setRateLimitDomain(String rateLimitDomain) {
    this.rateLimitDomain = rateLimitDomain;
  }

  public String getRedisUri() {
    return redisUri;
  }

  public void setRedisUri(String redisUri) {
    this.redisUri = redisUri;
  }

  public Boolean getPacing() {
    return pacing;
  }

  public void setPacing(Boolean pacing) {
    this.pacing = pacing;
  }

  public DataSize getMaxResponseBytes() {
    return maxResponseBytes;
  }

  public void setMaxResponseBytes(DataSize maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  public DataSize getMaxStreamEventBytes() {
    return maxStreamEventBytes;
  }

  public void setMaxStreamEventBytes(DataSize maxStreamEventBytes) {
    this.maxStreamEventBytes = maxStreamEventBytes;
  }

  public DeclaudeRetryProperties getRetry() {
    return retry;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Health getHealth() {
    return health;
  }

  /** The {@code declaude.metrics.*} properties. */
  public static class Metrics {
    /** Whether the client's meters are recorded when a MeterRegistry bean exists. */
    private boolean enabled = true;

    /** How many distinct values each meter tag keeps; later values are recorded as "other". */
    private int maxTagValues = 100;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public int getMaxTagValues() {
      return maxTagValues;
    }

    public void setMaxTagValues(int maxTagValues) {
      this.maxTagValues = maxTagValues;
    }
  }

  /** The {@code declaude.health.*} properties. */
  public static class Health {
    /**
     * How many calls in a row must fail with a server error, a timeout or a broken connection
     * before the health indicator says DOWN.
     */
    private int downAfterFailures = 3;

    public int getDownAfterFailures() {
      return downAfterFailures;
    }

    public void setDownAfterFailures(int downAfterFailures) {
      this.downAfterFailures = downAfterFailures;
    }
  }
}
