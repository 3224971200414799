package dev.declaude.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * IDEs complete the declaude.* properties from the metadata the configuration processor generated.
 */
class ConfigurationMetadataTest {
  @Test
  void everyPropertyIsDescribedInTheGeneratedMetadata() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    Set<String> names = new TreeSet<>();
    Set<String> undescribed = new TreeSet<>();
    for (JsonNode property : metadata.get("properties")) {
      names.add(property.get("name").asText());
      if (!property.has("description")) {
        undescribed.add(property.get("name").asText());
      }
    }

    assertEquals(
        new TreeSet<>(
            List.of(
                "declaude.api-key",
                "declaude.base-url",
                "declaude.call-timeout",
                "declaude.connect-timeout",
                "declaude.health.down-after-failures",
                "declaude.max-response-bytes",
                "declaude.max-server-wait",
                "declaude.max-stream-event-bytes",
                "declaude.metrics.enabled",
                "declaude.metrics.max-tag-values",
                "declaude.model",
                "declaude.pacing",
                "declaude.rate-limit-domain",
                "declaude.read-timeout",
                "declaude.redis-uri",
                "declaude.retry.initial-delay",
                "declaude.retry.jitter",
                "declaude.retry.kinds",
                "declaude.retry.max-attempts",
                "declaude.retry.max-delay",
                "declaude.retry.max-elapsed",
                "declaude.retry.multiplier",
                "declaude.write-timeout")),
        names);
    assertEquals(Set.of(), undescribed);
  }
}
