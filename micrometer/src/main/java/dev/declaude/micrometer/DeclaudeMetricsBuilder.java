package dev.declaude.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Builds a {@link DeclaudeMetrics}: the registry, tags added to every meter (to tell two clients
 * apart), and the cap on distinct values per tag. Not thread-safe; the built listener is.
 */
public final class DeclaudeMetricsBuilder {
  private final MeterRegistry registry;
  private Tags tags = Tags.empty();
  private int maxTagValues = DeclaudeMetrics.DEFAULT_MAX_TAG_VALUES;

  DeclaudeMetricsBuilder(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Adds a tag to every meter, such as {@code client=support} when an application has several
   * clients.
   *
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public DeclaudeMetricsBuilder tag(String key, String value) {
    this.tags = tags.and(Tag.of(key, value));
    return this;
  }

  /**
   * Adds tags to every meter.
   *
   * @throws NullPointerException if {@code tags} or one of them is null
   */
  public DeclaudeMetricsBuilder tags(Iterable<Tag> tags) {
    this.tags = this.tags.and(Objects.requireNonNull(tags, "tags"));
    return this;
  }

  /**
   * Sets how many distinct values each tag may take ({@value
   * DeclaudeMetrics#DEFAULT_MAX_TAG_VALUES} by default); past it a value is recorded as {@code
   * other}. The cap holds per tag key, so a server sending a new model name or error type on every
   * answer cannot make new meters without end.
   *
   * @throws IllegalArgumentException if {@code max} is below 1
   */
  public DeclaudeMetricsBuilder maxTagValues(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxTagValues must be >= 1, was " + max);
    }
    this.maxTagValues = max;
    return this;
  }

  /** Returns the listener; register it with {@code ClaudeClient.builder().listener(...)}. */
  public DeclaudeMetrics build() {
    return new DeclaudeMetrics(registry, tags, maxTagValues);
  }
}
