package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts a response reports; in a stream, {@code message_delta} carries cumulative counts.
 *
 * @param inputTokens uncached input tokens
 * @param outputTokens generated tokens
 * @param cacheCreationInputTokens input tokens written to the prompt cache, if reported
 * @param cacheReadInputTokens input tokens read from the prompt cache, if reported
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
    @JsonProperty("input_tokens") Integer inputTokens,
    @JsonProperty("output_tokens") Integer outputTokens,
    @JsonProperty("cache_creation_input_tokens") Integer cacheCreationInputTokens,
    @JsonProperty("cache_read_input_tokens") Integer cacheReadInputTokens) {}
