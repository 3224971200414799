package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a streamed response, in the documented order: {@code message_start}, then per
 * content block {@code content_block_start}, any {@code content_block_delta}s and {@code
 * content_block_stop}, then {@code message_delta} and {@code message_stop}; {@code ping} may come
 * anywhere. An {@code error} event is not one of these: the client turns it into an exception.
 * Event types the API adds later arrive as {@link Unknown} and are skipped.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "type",
    defaultImpl = StreamEvent.Unknown.class,
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = StreamEvent.MessageStart.class, name = "message_start"),
  @JsonSubTypes.Type(value = StreamEvent.ContentBlockStart.class, name = "content_block_start"),
  @JsonSubTypes.Type(value = StreamEvent.ContentBlockDelta.class, name = "content_block_delta"),
  @JsonSubTypes.Type(value = StreamEvent.ContentBlockStop.class, name = "content_block_stop"),
  @JsonSubTypes.Type(value = StreamEvent.MessageDelta.class, name = "message_delta"),
  @JsonSubTypes.Type(value = StreamEvent.MessageStop.class, name = "message_stop"),
  @JsonSubTypes.Type(value = StreamEvent.Ping.class, name = "ping"),
})
public sealed interface StreamEvent {

  /** Returns the event's {@code type}. */
  String type();

  /** The first event: the message with empty content and the input usage. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MessageStart(
      @JsonProperty("type") String type, @JsonProperty("message") MessageResponse message)
      implements StreamEvent {}

  /** A content block begins at {@code index}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ContentBlockStart(
      @JsonProperty("type") String type,
      @JsonProperty("index") int index,
      @JsonProperty("content_block") ContentBlock contentBlock)
      implements StreamEvent {}

  /**
   * A piece of the block at {@code index}. {@code delta.type} is {@code text_delta} (with {@code
   * text}), {@code input_json_delta}, {@code thinking_delta}, {@code signature_delta} or a later
   * addition.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ContentBlockDelta(
      @JsonProperty("type") String type,
      @JsonProperty("index") int index,
      @JsonProperty("delta") JsonNode delta)
      implements StreamEvent {

    /** Returns the text of a {@code text_delta}, or {@code null} for other deltas. */
    public String text() {
      if (delta == null || !"text_delta".equals(delta.path("type").asText())) {
        return null;
      }
      JsonNode text = delta.get("text");
      return text == null || !text.isTextual() ? null : text.asText();
    }
  }

  /** The block at {@code index} is complete. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ContentBlockStop(@JsonProperty("type") String type, @JsonProperty("index") int index)
      implements StreamEvent {}

  /** Top-level changes: the stop reason, and cumulative usage. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MessageDelta(
      @JsonProperty("type") String type,
      @JsonProperty("delta") Delta delta,
      @JsonProperty("usage") Usage usage)
      implements StreamEvent {

    /**
     * The {@code delta} of a {@code message_delta}.
     *
     * @param stopReason why generation stopped
     * @param stopSequence the stop sequence that matched, if any
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delta(
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("stop_sequence") String stopSequence) {}
  }

  /** The last event of a complete stream. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MessageStop(@JsonProperty("type") String type) implements StreamEvent {}

  /** A keep-alive. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Ping(@JsonProperty("type") String type) implements StreamEvent {}

  /** An event type this library does not know; skipped by the client. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Unknown(@JsonProperty("type") String type) implements StreamEvent {}
}
