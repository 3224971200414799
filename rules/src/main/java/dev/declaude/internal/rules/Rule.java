package dev.declaude.internal.rules;

/**
 * Every rule declaude checks, with its stable id and severity. The id appears in every message as
 * {@code [declaude:<id>]}, the same at compile time and at run time, and a warning's id is what
 * {@code @SuppressWarnings("declaude:<id>")} names.
 */
public enum Rule {
  /** {@code @ClaudePrompt} on a method that is not an abstract interface method. */
  PROMPT_PLACEMENT("prompt-placement", Severity.ERROR),
  /** An abstract method of a service interface without {@code @ClaudePrompt}. */
  PROMPT_MISSING("prompt-missing", Severity.ERROR),
  /**
   * {@code create()} given a type that is not an interface declaring {@code @ClaudePrompt} methods.
   */
  SERVICE_TYPE("service-type", Severity.ERROR),
  /** A blank template. */
  TEMPLATE_BLANK("template-blank", Severity.ERROR),
  /** Unbalanced braces or a malformed placeholder in the template. */
  TEMPLATE_BRACES("template-braces", Severity.ERROR),
  /** A placeholder that names no parameter. */
  PLACEHOLDER_UNBOUND("placeholder-unbound", Severity.ERROR),
  /** A parameter the template does not use. */
  PARAMETER_UNUSED("parameter-unused", Severity.ERROR),
  /** A parameter whose name is unknown at run time while the template has placeholders. */
  PARAMETER_NAME_MISSING("parameter-name-missing", Severity.ERROR),
  /** A {@code @Name} that is not a Java identifier or repeats another parameter's name. */
  PARAMETER_NAME_INVALID("parameter-name-invalid", Severity.ERROR),
  /** More than one conversation-history parameter. */
  HISTORY_DUPLICATE("history-duplicate", Severity.ERROR),
  /** More than one streaming callback parameter. */
  CALLBACK_DUPLICATE("callback-duplicate", Severity.ERROR),
  /** A return type the service factory cannot produce. */
  RETURN_TYPE("return-type", Severity.ERROR),
  /** A blank {@code @Turn} text. */
  TURN_BLANK("turn-blank", Severity.ERROR),
  /** A first turn by the assistant. */
  TURN_FIRST_ASSISTANT("turn-first-assistant", Severity.WARNING),
  /** Two consecutive turns of one role (the turns and then the user message). */
  TURN_ALTERNATION("turn-alternation", Severity.WARNING),
  /** {@code maxTokens} below 1 or above the model's output limit. */
  MAX_TOKENS("max-tokens", Severity.ERROR),
  /** A temperature outside [0, 1]. */
  TEMPERATURE_RANGE("temperature-range", Severity.ERROR),
  /** A temperature other than 1.0 on a model that accepts only its default sampling. */
  TEMPERATURE_UNSUPPORTED("temperature-unsupported", Severity.ERROR),
  /** A blank stop sequence. */
  STOP_SEQUENCE_BLANK("stop-sequence-blank", Severity.ERROR),
  /** A model id the catalogue does not know. */
  MODEL_UNKNOWN("model-unknown", Severity.WARNING),
  /** A blank fallback model, or one that repeats the model or an earlier fallback. */
  FALLBACK_MODEL("fallback-model", Severity.ERROR),
  /** A deprecated model. */
  MODEL_DEPRECATED("model-deprecated", Severity.WARNING),
  /** A retired model. */
  MODEL_RETIRED("model-retired", Severity.ERROR),
  /** A string that looks like an Anthropic API key. */
  API_KEY_LITERAL("api-key-literal", Severity.ERROR),
  /** A {@code @RetryOn} kind that retrying cannot fix. */
  RETRY_KIND("retry-kind", Severity.ERROR),
  /** {@code maxAttempts} below 1. */
  RETRY_MAX_ATTEMPTS("retry-max-attempts", Severity.ERROR),
  /** A negative delay, or {@code initialDelayMs} above {@code maxDelayMs}. */
  RETRY_DELAY("retry-delay", Severity.ERROR),
  /** {@code multiplier} below 1. */
  RETRY_MULTIPLIER("retry-multiplier", Severity.ERROR),
  /** A negative {@code maxElapsedMs}. */
  RETRY_MAX_ELAPSED("retry-max-elapsed", Severity.ERROR),
  /** A negative {@code maxServerWaitMs}. */
  RETRY_MAX_SERVER_WAIT("retry-max-server-wait", Severity.ERROR),
  /** A negative {@code @ContextPolicy} margin. */
  CONTEXT_MARGIN("context-margin", Severity.ERROR),
  /** A {@code @ContextPolicy} on a model whose context window the catalogue does not know. */
  CONTEXT_WINDOW_UNKNOWN("context-window-unknown", Severity.ERROR),
  /** {@code @RetryOn} together with another library's retry annotation. */
  RETRY_STACKED("retry-stacked", Severity.WARNING);

  private final String id;
  private final Severity severity;

  Rule(String id, Severity severity) {
    this.id = id;
    this.severity = severity;
  }

  /** Returns the stable id, such as {@code placeholder-unbound}. */
  public String id() {
    return id;
  }

  /** Returns how bad breaking the rule is. */
  public Severity severity() {
    return severity;
  }

  /** Returns the tag messages start with: {@code [declaude:<id>]}. */
  public String tag() {
    return "[declaude:" + id + "]";
  }
}
