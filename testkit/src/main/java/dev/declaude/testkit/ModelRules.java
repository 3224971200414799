package dev.declaude.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.declaude.internal.rules.ModelCatalogue;
import dev.declaude.internal.rules.ModelInfo;
import java.time.LocalDate;
import java.util.Set;

/**
 * Checks the rules that depend on the model, from core's {@link ModelCatalogue} (claude-api.md
 * §1.6, §3, §4): the model exists and is not retired, {@code max_tokens} fits its output limit,
 * sampling parameters it accepts, prefill, and the context window. Stateless.
 */
final class ModelRules {
  static final String PREFILL_MESSAGE =
      "This model does not support assistant message prefill. The conversation must end with a user message.";

  // Before Claude 4.5 the API refuses input + max_tokens over the window up front; from 4.5 on it
  // accepts the
  // request and stops generating at the window instead (claude-api.md §1.6). Catalogue ids, not
  // aliases.
  private static final Set<String> UPFRONT_WINDOW_CHECK =
      Set.of(
          "claude-3-haiku-20240307",
          "claude-3-5-haiku-20241022",
          "claude-3-5-sonnet-20240620",
          "claude-3-5-sonnet-20241022",
          "claude-3-7-sonnet-20250219",
          "claude-sonnet-4-20250514",
          "claude-opus-4-20250514",
          "claude-opus-4-1-20250805");

  // Models after Opus 4.6 accept only top_p >= 0.99 (claude-api.md §3.5).
  private static final double MIN_DEFAULT_TOP_P = 0.99;

  private final ModelCatalogue catalogue;

  ModelRules(ModelCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * Returns the model a request names, or rejects it with 404 {@code model: <id>} if unknown or
   * retired.
   */
  ModelInfo resolve(String requested, LocalDate today) {
    ModelInfo model = catalogue.find(requested).orElse(null);
    if (model == null || model.lifecycleOn(today) == ModelInfo.Lifecycle.RETIRED) {
      throw new Rejection(ApiError.of(404, "model: " + requested));
    }
    return model;
  }

  /** Checks {@code max_tokens}, sampling, prefill and the context window of a Messages request. */
  void checkMessages(JsonNode body, ModelInfo model, int inputTokens) {
    int maxTokens = body.get("max_tokens").asInt();
    if (maxTokens > model.maxOutputTokens()) {
      throw Rejection.invalid(
          "max_tokens: "
              + maxTokens
              + " > "
              + model.maxOutputTokens()
              + ", which is the maximum allowed number of output tokens for "
              + model.id());
    }
    checkSampling(body, model);
    checkPrefill(body.get("messages"), model);
    checkPromptLength(model, inputTokens);
    if (UPFRONT_WINDOW_CHECK.contains(model.id())
        && (long) inputTokens + maxTokens > model.contextWindow()) {
      throw Rejection.invalid(
          "input length and `max_tokens` exceed context limit: "
              + inputTokens
              + " + "
              + maxTokens
              + " > "
              + model.contextWindow()
              + ", decrease input length or `max_tokens` and try again");
    }
  }

  /** Checks that the input alone fits the model's context window. */
  void checkPromptLength(ModelInfo model, int inputTokens) {
    if (inputTokens > model.contextWindow()) {
      throw Rejection.invalid(
          "prompt is too long: " + inputTokens + " tokens > " + model.contextWindow() + " maximum");
    }
  }

  /** Returns whether this model refuses input + max_tokens over its window before generating. */
  static boolean checksWindowUpfront(ModelInfo model) {
    return UPFRONT_WINDOW_CHECK.contains(model.id());
  }

  private static void checkSampling(JsonNode body, ModelInfo model) {
    if (!model.onlyDefaultSampling()) {
      return;
    }
    // Wording observed from the API for Opus 4.7 and later (public issue reports, 2026-04..06).
    JsonNode temperature = body.path("temperature");
    if (temperature.isNumber() && temperature.asDouble() != 1.0) {
      throw Rejection.invalid("`temperature` is deprecated for this model.");
    }
    JsonNode topP = body.path("top_p");
    if (topP.isNumber() && topP.asDouble() < MIN_DEFAULT_TOP_P) {
      throw Rejection.invalid("`top_p` is deprecated for this model.");
    }
    if (body.hasNonNull("top_k")) {
      throw Rejection.invalid("`top_k` is deprecated for this model.");
    }
  }

  private static void checkPrefill(JsonNode messages, ModelInfo model) {
    JsonNode last = messages.get(messages.size() - 1);
    boolean prefill =
        "assistant".equals(last.path("role").asText()) && hasContent(last.path("content"));
    if (prefill && !model.acceptsPrefill()) {
      throw Rejection.invalid(PREFILL_MESSAGE);
    }
  }

  private static boolean hasContent(JsonNode content) {
    return content.isTextual() ? !content.asText().isEmpty() : content.size() > 0;
  }
}
