package dev.declaude.internal.rules;

import java.util.List;
import java.util.Objects;

/**
 * The values of one {@code @ClaudePrompt}, each with where it was written.
 *
 * @param annotation the annotation as a whole
 * @param template the user-message template ({@code value})
 * @param system the system prompt, empty for none
 * @param model the model id, empty for the client's default
 * @param maxTokens the output limit
 * @param temperature the temperature, {@code NaN} for unset
 * @param stopSequences the stop sequences, one location per array element
 * @param turns the fixed turns before the user message
 * @param fallbackModels the models tried in order when the one before is overloaded, one location
 *     per element
 * @param fallbackAtOnce whether the first overload moves on at once
 */
public record PromptDescription(
    Location annotation,
    Located<String> template,
    Located<String> system,
    Located<String> model,
    Located<Integer> maxTokens,
    Located<Double> temperature,
    List<Located<String>> stopSequences,
    List<TurnDescription> turns,
    List<Located<String>> fallbackModels,
    boolean fallbackAtOnce) {

  public PromptDescription {
    Objects.requireNonNull(annotation, "annotation");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(maxTokens, "maxTokens");
    Objects.requireNonNull(temperature, "temperature");
    stopSequences = List.copyOf(stopSequences);
    turns = List.copyOf(turns);
    fallbackModels = List.copyOf(fallbackModels);
  }
}
