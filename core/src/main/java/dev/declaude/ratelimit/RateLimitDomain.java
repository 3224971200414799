package dev.declaude.ratelimit;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names the organisation whose rate limits a client spends: pacing, the retry budget and outage
 * recovery keep their state per domain, and every client (and every process, with a shared {@link
 * RateLimitStore}) of one domain shares it.
 *
 * <pre>{@code
 * RateLimitDomain.of("https://api.anthropic.com", apiKey) // what a client uses by default
 * RateLimitDomain.named("acme-prod")                      // two keys of one organisation, one domain
 * }</pre>
 *
 * <p>A derived domain never holds the key: its {@link #id()} is the host (and port, when not the
 * scheme's default) of the base URL and the first 16 hex digits of an HMAC-SHA256 of the key, the
 * same in every process, and not reversible into the key. Immutable and thread-safe; equal when the
 * ids are equal.
 */
public final class RateLimitDomain {
  // Fixed, so every process derives the same id; the key's own entropy is what protects it.
  private static final byte[] SECRET =
      "declaude rate-limit domain v1".getBytes(StandardCharsets.UTF_8);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String UNSHARED_PREFIX = "unshared-" + randomHex() + "-";
  private static final AtomicLong UNSHARED = new AtomicLong();

  private final String id;

  private RateLimitDomain(String id) {
    this.id = id;
  }

  /**
   * Returns the domain of {@code apiKey} at {@code baseUrl}, as a client built with them uses by
   * default.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code baseUrl} is not an absolute URL with a host
   */
  public static RateLimitDomain of(String baseUrl, String apiKey) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    return new RateLimitDomain(
        hostOf(baseUrl) + "/" + HexFormat.of().formatHex(hmac(apiKey)).substring(0, 16));
  }

  /**
   * Returns the domain called {@code name}: clients that name the same domain share it, whatever
   * their keys (two keys of one organisation share its limits).
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException unless {@code name} is 1 to 64 letters, digits, {@code .},
   *     {@code _} or {@code -} (so it can never be mistaken for a derived id, which holds a {@code
   *     /})
   */
  public static RateLimitDomain named(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a rate-limit domain name must be 1 to 64 letters, digits, '.', '_'"
              + " or '-', such as \"acme-prod\"; was \""
              + name
              + "\"");
    }
    return new RateLimitDomain(name);
  }

  /**
   * Returns a new domain that no other client or engine shares: what a {@code RetryEngine} built
   * without a domain uses, and what a client that must keep its pacing to itself can name.
   */
  public static RateLimitDomain unshared() {
    return new RateLimitDomain(UNSHARED_PREFIX + UNSHARED.incrementAndGet());
  }

  /**
   * Returns the domain's id, such as {@code api.anthropic.com/3f9a0c1e22b4d5e6} or {@code
   * acme-prod}.
   */
  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimitDomain && ((RateLimitDomain) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "RateLimitDomain[" + id + "]";
  }

  private static String hostOf(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute URL, such as https://api.anthropic.com");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute URL, such as https://api.anthropic.com");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
            || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  private static byte[] hmac(String apiKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
      return mac.doFinal(apiKey.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
