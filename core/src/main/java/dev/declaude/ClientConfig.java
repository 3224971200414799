package dev.declaude;

import java.time.Duration;
import okhttp3.HttpUrl;

/** What a built client was configured with, minus the key. Immutable. */
record ClientConfig(
    String baseUrl,
    String model,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    Duration callTimeout) {

  /**
   * Returns the base URL without any {@code user:password@}, fit for a {@code toString} or a log
   * line.
   */
  String displayedBaseUrl() {
    HttpUrl url = HttpUrl.parse(baseUrl);
    if (url == null) {
      return "(unparseable)";
    }
    boolean credentials = !url.username().isEmpty() || !url.password().isEmpty();
    return credentials ? url.newBuilder().username("").password("").build().toString() : baseUrl;
  }
}
