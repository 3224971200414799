package dev.declaude.spring;

import dev.declaude.ClaudeClient;
import dev.declaude.ClaudeClientBuilder;
import dev.declaude.annotation.ErrorKind;
import dev.declaude.event.ClaudeListener;
import dev.declaude.ratelimit.RateLimitDomain;
import dev.declaude.ratelimit.RateLimitStore;
import dev.declaude.retry.RetryEngine;
import dev.declaude.retry.RetryEngineBuilder;
import dev.declaude.retry.RetryPolicy;
import dev.declaude.retry.RetryPolicyBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;

/** Builds the retry engine and the client from the {@code declaude.*} properties. Stateless. */
final class ClaudeClients {
  static final String NO_KEY =
      "no API key for declaude: set the declaude.api-key property, the"
          + " ANTHROPIC_API_KEY environment variable or the anthropic.apiKey property";

  private ClaudeClients() {}

  /**
   * Returns the engine: the rate-limit domain of the client's key (or the one named), its state in
   * {@code store} when there is one, the properties' pacing and server-wait bound, the listeners,
   * then the customizers.
   */
  static RetryEngine engine(
      DeclaudeProperties p,
      Environment env,
      RateLimitStore store,
      List<ClaudeListener> listeners,
      List<RetryEngineBuilderCustomizer> customizers) {
    RetryEngineBuilder b = RetryEngine.builder();
    b.rateLimitDomain(domain(p, env));
    if (store != null) {
      b.rateLimitStore(store);
    }
    set("max-server-wait", p.getMaxServerWait(), b::maxServerWait);
    set("pacing", p.getPacing(), b::pacing);
    listeners.forEach(b::listener);
    customizers.forEach(c -> c.customize(b));
    return b.build();
  }

  /**
   * Returns the client: key and base URL (from the properties, else as {@code
   * ClaudeClient.fromEnv()} reads them), the other properties, the engine, the listeners, then the
   * customizers.
   *
   * @throws IllegalStateException if no API key is set anywhere (and no customizer replaces the
   *     transport)
   * @throws IllegalArgumentException naming the property, if a property's value is refused
   */
  static ClaudeClient client(
      DeclaudeProperties p,
      Environment env,
      RetryEngine engine,
      List<ClaudeListener> listeners,
      List<ClaudeClientBuilderCustomizer> customizers) {
    ClaudeClientBuilder b = ClaudeClient.builder().retryEngine(engine);
    String key = key(p, env);
    set("api-key", key, b::apiKey);
    set("base-url", baseUrl(p, env), b::baseUrl);
    set("model", p.getModel(), b::model);
    set("connect-timeout", p.getConnectTimeout(), b::connectTimeout);
    set("read-timeout", p.getReadTimeout(), b::readTimeout);
    set("write-timeout", p.getWriteTimeout(), b::writeTimeout);
    set("call-timeout", p.getCallTimeout(), b::callTimeout);
    set("max-response-bytes", p.getMaxResponseBytes(), size -> b.maxResponseBytes(size.toBytes()));
    set(
        "max-stream-event-bytes",
        p.getMaxStreamEventBytes(),
        size -> b.maxStreamEventBytes(size.toBytes()));
    b.defaultRetryPolicy(defaultPolicy(p.getRetry()));
    listeners.forEach(b::listener);
    customizers.forEach(c -> c.customize(b));
    try {
      return b.build();
    } catch (IllegalStateException e) {
      // The builder's own message names its methods and fromEnv(); here the fix is a property.
      throw key == null ? new IllegalStateException(NO_KEY, e) : e;
    }
  }

  /**
   * Returns the domain named by {@code declaude.rate-limit-domain}, else the key's at the base URL
   * (what a client builds for itself), else (no key yet: the client will refuse to start) one of
   * its own.
   *
   * @throws IllegalArgumentException naming the property, if the name or the base URL is refused
   */
  static RateLimitDomain domain(DeclaudeProperties p, Environment env) {
    if (p.getRateLimitDomain() != null) {
      return property("rate-limit-domain", () -> RateLimitDomain.named(p.getRateLimitDomain()));
    }
    String key = key(p, env);
    if (key == null) {
      return RateLimitDomain.unshared();
    }
    String baseUrl = baseUrl(p, env);
    return property(
        "base-url",
        () ->
            RateLimitDomain.of(
                baseUrl == null ? ClaudeClientBuilder.DEFAULT_BASE_URL : baseUrl, key));
  }

  private static String key(DeclaudeProperties p, Environment env) {
    return firstPresent(
        p.getApiKey(), env.getProperty("anthropic.apiKey"), env.getProperty("ANTHROPIC_API_KEY"));
  }

  private static String baseUrl(DeclaudeProperties p, Environment env) {
    return firstPresent(
        p.getBaseUrl(),
        env.getProperty("anthropic.baseUrl"),
        env.getProperty("ANTHROPIC_BASE_URL"));
  }

  /**
   * Returns the policy of {@code declaude.retry.*}: none when no kinds are listed.
   *
   * @throws IllegalArgumentException if settings are given without kinds, or a setting is refused
   */
  static RetryPolicy defaultPolicy(DeclaudeRetryProperties r) {
    if (r.getKinds() == null || r.getKinds().isEmpty()) {
      if (r.hasSettings()) {
        throw new IllegalArgumentException(
            "invalid declaude.retry: settings are given but declaude.retry.kinds is"
                + " empty, so the default policy would retry nothing; list the kinds to retry, such as"
                + " declaude.retry.kinds=RATE_LIMIT,SERVER");
      }
      return RetryPolicy.none();
    }
    RetryPolicy defaults = RetryPolicy.builder().build();
    RetryPolicyBuilder b = RetryPolicy.builder();
    set("retry.kinds", r.getKinds().toArray(new ErrorKind[0]), b::retryOn);
    set("retry.max-attempts", r.getMaxAttempts(), b::maxAttempts);
    set(
        "retry",
        Boolean.TRUE,
        unused ->
            b.backoff(
                or(r.getInitialDelay(), defaults.initialDelay()),
                or(r.getMaxDelay(), defaults.maxDelay()),
                or(r.getMultiplier(), defaults.multiplier())));
    set("retry.jitter", r.getJitter(), b::jitter);
    set("retry.max-elapsed", r.getMaxElapsed(), b::maxElapsed);
    return b.build();
  }

  /** Applies a property's value when it is set, naming the property if the builder refuses it. */
  private static <T> T property(String property, Supplier<T> value) {
    try {
      return value.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid declaude." + property + ": " + e.getMessage(), e);
    }
  }

  private static <T> void set(String property, T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid declaude." + property + ": " + e.getMessage(), e);
    }
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }

  private static String firstPresent(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
