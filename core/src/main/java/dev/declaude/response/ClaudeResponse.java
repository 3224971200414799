package dev.declaude.response;

import dev.declaude.wire.MessageResponse;
import dev.declaude.wire.Usage;
import java.util.Objects;

/**
 * A successful answer: the message the API returned plus what its headers said (request id, rate
 * limits), and what a context policy dropped from the request to make it fit. Immutable.
 *
 * @param message the response body
 * @param metadata status, request id and rate limits of the response
 * @param truncation the history turns a {@code TRUNCATE_OLDEST} context policy left out of the
 *     request; {@link ContextTruncation#NONE} when none were
 */
public record ClaudeResponse(
    MessageResponse message, ResponseMetadata metadata, ContextTruncation truncation) {

  /**
   * Creates a response.
   *
   * @throws NullPointerException if an argument is null
   */
  public ClaudeResponse {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(truncation, "truncation");
  }

  /** Creates a response of a request sent as it was given, nothing dropped. */
  public ClaudeResponse(MessageResponse message, ResponseMetadata metadata) {
    this(message, metadata, ContextTruncation.NONE);
  }

  /** Returns a copy that says what was dropped from the request. */
  public ClaudeResponse withTruncation(ContextTruncation truncation) {
    return new ClaudeResponse(message, metadata, truncation);
  }

  /** Returns the text of every {@code text} block, joined in order. */
  public String text() {
    return message.text();
  }

  /**
   * Returns why generation stopped: {@code end_turn}, {@code max_tokens}, {@code stop_sequence},
   * ...
   */
  public String stopReason() {
    return message.stopReason();
  }

  /** Returns the token counts. */
  public Usage usage() {
    return message.usage();
  }

  /** Returns the request id to quote to support, or {@code null} if the response carried none. */
  public String requestId() {
    return metadata.requestId();
  }

  /** Returns the rate limits the response reported. */
  public RateLimits rateLimits() {
    return metadata.rateLimits();
  }
}
