package dev.declaude.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * The checks every request passes before its body is read: a known endpoint, a valid key, a known
 * API version (claude-api.md §1.6, §6). Stateless apart from the key, which it never reveals.
 */
final class Gate {
  /** The endpoints the simulator serves. */
  enum Endpoint {
    MESSAGES,
    COUNT_TOKENS
  }

  // 2023-06-01 and 2023-01-01 are the documented versions; the official Java SDK 3.13 sends
  // 2026-10-21.
  static final Set<String> VERSIONS = Set.of("2023-06-01", "2023-01-01", "2026-10-21");

  private final byte[] key;

  Gate(String apiKey) {
    this.key = apiKey.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns the endpoint a request is for, or rejects it with 404. */
  static Endpoint route(String method, String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    if ("POST".equals(method) && bare.equals("/v1/messages")) {
      return Endpoint.MESSAGES;
    }
    if ("POST".equals(method) && bare.equals("/v1/messages/count_tokens")) {
      return Endpoint.COUNT_TOKENS;
    }
    throw new Rejection(ApiError.of(404, "The requested resource could not be found."));
  }

  /** Returns whether {@code presented} is the accepted key, comparing in constant time. */
  boolean isValid(String presented) {
    return presented != null
        && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the key a request presents: {@code x-api-key}, else an {@code Authorization: Bearer}
   * token.
   */
  static String presentedKey(String xApiKey, String authorization) {
    if (xApiKey != null) {
      return xApiKey;
    }
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return null;
  }

  /** Rejects a request with 401 unless it carried the accepted key. */
  static void authenticate(ReceivedRequest request) {
    if (request.presentedValidKey()) {
      return;
    }
    boolean none =
        request.header("x-api-key").isEmpty() && request.header("authorization").isEmpty();
    throw new Rejection(
        ApiError.of(401, none ? "x-api-key header is required" : "invalid x-api-key"));
  }

  /** Rejects a request with 400 unless it names one known {@code anthropic-version}. */
  static void checkVersion(ReceivedRequest request) {
    List<String> values = request.headers().get("anthropic-version");
    if (values == null || values.isEmpty()) {
      throw Rejection.invalid("anthropic-version: header is required");
    }
    // A repeated header is seen joined, as the API reports it: "2023-06-01, 2023-06-01".
    String version = String.join(", ", values);
    if (!VERSIONS.contains(version)) {
      throw Rejection.invalid("anthropic-version: \"" + version + "\" is not a valid version");
    }
  }
}
