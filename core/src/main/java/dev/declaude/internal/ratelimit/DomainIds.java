package dev.declaude.internal.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.HttpUrl;

/**
 * Names the rate-limit domain of an API key at a base URL without ever storing the key: the host and port of
 * the base URL, and the first 16 hex digits of an HMAC-SHA256 of the key. The same key at the same URL gives
 * the same name in every process (so a fleet can share the domain through a store); the name cannot be
 * turned back into the key. Stateless and thread-safe.
 */
public final class DomainIds {
  // Fixed, so every process derives the same name; an API key's entropy is what protects it.
  private static final byte[] SECRET = "declaude rate-limit domain v1".getBytes(StandardCharsets.UTF_8);

  private DomainIds() {}

  /** Returns the derived name of the domain of {@code apiKey} at {@code baseUrl}, such as {@code api.anthropic.com/3f9a...}. */
  public static String of(String baseUrl, String apiKey) {
    HttpUrl url = HttpUrl.parse(baseUrl);
    String host = url == null ? "unknown" : url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
    return host + "/" + HexFormat.of().formatHex(hmac(apiKey)).substring(0, 16);
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
}
