package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request's {@code metadata} object.
 *
 * @param userId an opaque id of the end user (a UUID or hash, never personal data); at most 256
 *     characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Metadata(@JsonProperty("user_id") String userId) {}
