package dev.declaude.internal.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the catalogue knows of one model.
 *
 * @param id the API id
 * @param aliases other ids the API accepts for it
 * @param contextWindow the most input plus output tokens one request may use
 * @param maxOutputTokens the largest {@code max_tokens} the model accepts
 * @param onlyDefaultSampling whether the model rejects any {@code temperature} but 1.0 (models
 *     after Claude Opus 4.6)
 * @param acceptsPrefill whether a final assistant turn (prefill) is allowed (not on Claude 4.6 and
 *     later)
 * @param deprecated when the model was deprecated, or {@code null}
 * @param retired the first day requests to it fail, or {@code null}
 * @param replacement the model to move to, or {@code null}
 */
public record ModelInfo(
    String id,
    List<String> aliases,
    int contextWindow,
    int maxOutputTokens,
    boolean onlyDefaultSampling,
    boolean acceptsPrefill,
    LocalDate deprecated,
    LocalDate retired,
    String replacement) {

  public ModelInfo {
    Objects.requireNonNull(id, "id");
    aliases = List.copyOf(aliases);
  }

  /** Where a model stands in its life on a given day. */
  public enum Lifecycle {
    ACTIVE,
    DEPRECATED,
    RETIRED
  }

  /** Returns the model's lifecycle stage on {@code day}. */
  public Lifecycle lifecycleOn(LocalDate day) {
    if (retired != null && !day.isBefore(retired)) {
      return Lifecycle.RETIRED;
    }
    if (deprecated != null && !day.isBefore(deprecated)) {
      return Lifecycle.DEPRECATED;
    }
    return Lifecycle.ACTIVE;
  }

  /** Returns whether {@code name} is this model's id or one of its aliases. */
  public boolean isNamed(String name) {
    return id.equals(name) || aliases.contains(name);
  }
}
