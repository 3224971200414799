package dev.declaude.internal.http;

import okhttp3.Request;

/**
 * Holds the API key and adds it to requests. The one place the key lives after the client is built;
 * its {@code toString} hides it, and validation never echoes it.
 */
final class ApiKeyHeader {
  private final String key;

  ApiKeyHeader(String key) {
    this.key = ApiKeys.validate(key);
  }

  void addTo(Request.Builder request) {
    request.header("x-api-key", key);
  }

  @Override
  public String toString() {
    return "ApiKeyHeader[redacted]";
  }
}
