package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code count_tokens}.
 *
 * @param inputTokens the estimated input tokens of the request: messages, system prompt and tools
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CountTokensResponse(@JsonProperty("input_tokens") int inputTokens) {}
