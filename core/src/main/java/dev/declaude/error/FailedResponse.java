package dev.declaude.error;

import dev.declaude.response.ResponseMetadata;
import java.util.Objects;

/**
 * What an error response said: its status, error type and code, message and metadata. Every {@link
 * ClaudeApiException} is made from one.
 *
 * @param errorType {@code error.type} as it came (known or not), or {@code null} when the body was
 *     not the documented JSON
 * @param errorCode {@code error.details.error_code}, or {@code null}
 * @param apiMessage {@code error.message}; for a body that was not the documented JSON, a short
 *     description with the start of the raw text
 * @param metadata status, request id, rate limits and retry signals
 */
public record FailedResponse(
    String errorType, String errorCode, String apiMessage, ResponseMetadata metadata) {

  public FailedResponse {
    Objects.requireNonNull(metadata, "metadata");
    apiMessage = apiMessage == null ? "" : apiMessage;
  }

  /** Returns the HTTP status; 200 for an error that arrived inside a stream. */
  public int status() {
    return metadata.status();
  }
}
