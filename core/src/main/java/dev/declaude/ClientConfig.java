package dev.declaude;

import java.time.Duration;

/** What a built client was configured with, minus the key. Immutable. */
record ClientConfig(
    String baseUrl, String model, Duration connectTimeout, Duration readTimeout, Duration writeTimeout,
    Duration callTimeout) {}
