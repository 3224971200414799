package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A request to {@code POST /v1/messages/count_tokens}: the parts of a message request that count as
 * input.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CountTokensRequest(
    @JsonProperty("model") String model,
    @JsonProperty("system") Content system,
    @JsonProperty("messages") List<Message> messages) {

  public CountTokensRequest {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** Returns the count request for the input of {@code request}. */
  public static CountTokensRequest of(MessageRequest request) {
    return new CountTokensRequest(request.model(), request.system(), request.messages());
  }

  /** Returns a copy with {@code model} set. */
  public CountTokensRequest withModel(String model) {
    return new CountTokensRequest(model, system, messages);
  }
}
