package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of a successful {@code POST /v1/messages}. Fields the API adds later are ignored.
 *
 * @param id the message id, {@code msg_...}
 * @param type always {@code message}
 * @param role always {@code assistant}
 * @param content the generated blocks
 * @param model the model that answered
 * @param stopReason why generation stopped: {@code end_turn}, {@code max_tokens}, {@code
 *     stop_sequence}, ...
 * @param stopSequence the stop sequence that matched, if any
 * @param usage token counts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageResponse(
    @JsonProperty("id") String id,
    @JsonProperty("type") String type,
    @JsonProperty("role") String role,
    @JsonProperty("content") List<ContentBlock> content,
    @JsonProperty("model") String model,
    @JsonProperty("stop_reason") String stopReason,
    @JsonProperty("stop_sequence") String stopSequence,
    @JsonProperty("usage") Usage usage) {

  public MessageResponse {
    content = content == null ? List.of() : List.copyOf(content);
  }

  /** Returns the text of every {@code text} block, joined in order. */
  public String text() {
    return content.stream()
        .filter(ContentBlock::isText)
        .map(ContentBlock::text)
        .collect(Collectors.joining());
  }
}
