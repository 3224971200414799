package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request to {@code POST /v1/messages}. Fields left unset are not sent.
 *
 * <p>Build one with {@link #builder()}; {@link Builder#build()} rejects a request the API would
 * reject for its shape (no {@code max_tokens}, no messages) before anything is sent. The {@code
 * model} may be left unset, in which case the client's default model is used.
 *
 * <pre>{@code
 * MessageRequest request = MessageRequest.builder()
 *     .maxTokens(300)
 *     .system("You answer in two sentences.")
 *     .addUserMessage("Why is the sky blue?")
 *     .build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessageRequest(
    @JsonProperty("model") String model,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("system") Content system,
    @JsonProperty("messages") List<Message> messages,
    @JsonProperty("temperature") Double temperature,
    @JsonProperty("top_p") Double topP,
    @JsonProperty("top_k") Integer topK,
    @JsonProperty("stop_sequences") List<String> stopSequences,
    @JsonProperty("metadata") Metadata metadata,
    @JsonProperty("stream") Boolean stream,
    @JsonProperty("output_config") JsonNode outputConfig) {

  public MessageRequest {
    messages = messages == null ? List.of() : List.copyOf(messages);
    stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.model = model;
    b.maxTokens = maxTokens;
    b.system = system;
    b.messages.addAll(messages);
    b.temperature = temperature;
    b.topP = topP;
    b.topK = topK;
    b.stopSequences.addAll(stopSequences);
    b.metadata = metadata;
    b.stream = stream;
    b.outputConfig = outputConfig;
    return b;
  }

  /** Returns a copy with {@code model} set. */
  public MessageRequest withModel(String model) {
    return new MessageRequest(
        model,
        maxTokens,
        system,
        messages,
        temperature,
        topP,
        topK,
        stopSequences,
        metadata,
        stream,
        outputConfig);
  }

  /** Returns a copy with {@code stream} set, or unset when {@code null}. */
  public MessageRequest withStream(Boolean stream) {
    return new MessageRequest(
        model,
        maxTokens,
        system,
        messages,
        temperature,
        topP,
        topK,
        stopSequences,
        metadata,
        stream,
        outputConfig);
  }

  /** Returns a copy with these messages in place of the current ones. */
  public MessageRequest withMessages(List<Message> messages) {
    return new MessageRequest(
        model,
        maxTokens,
        system,
        messages,
        temperature,
        topP,
        topK,
        stopSequences,
        metadata,
        stream,
        outputConfig);
  }

  /** Builds a {@link MessageRequest}; not thread-safe. */
  public static final class Builder {
    private String model;
    private Integer maxTokens;
    private Content system;
    private final List<Message> messages = new ArrayList<>();
    private Double temperature;
    private Double topP;
    private Integer topK;
    private final List<String> stopSequences = new ArrayList<>();
    private Metadata metadata;
    private Boolean stream;
    private JsonNode outputConfig;

    private Builder() {}

    /** Sets the model id or alias; unset means the client's default model. */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Sets the most tokens to generate.
     *
     * @throws IllegalArgumentException if {@code maxTokens} is negative
     */
    public Builder maxTokens(int maxTokens) {
      if (maxTokens < 0) {
        throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
      }
      this.maxTokens = maxTokens;
      return this;
    }

    /** Sets the system prompt as plain text. */
    public Builder system(String system) {
      this.system = system == null ? null : Content.of(system);
      return this;
    }

    /** Sets the system prompt as text or blocks. */
    public Builder system(Content system) {
      this.system = system;
      return this;
    }

    /** Appends a turn. */
    public Builder addMessage(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Appends turns, in order. */
    public Builder addMessages(List<Message> turns) {
      turns.forEach(this::addMessage);
      return this;
    }

    /** Appends a user turn of plain text. */
    public Builder addUserMessage(String text) {
      return addMessage(Message.user(text));
    }

    /** Appends an assistant turn of plain text. */
    public Builder addAssistantMessage(String text) {
      return addMessage(Message.assistant(text));
    }

    /** Sets the sampling temperature; sent only when set. */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** Sets nucleus sampling's {@code top_p}; sent only when set. */
    public Builder topP(double topP) {
      this.topP = topP;
      return this;
    }

    /** Sets {@code top_k}; sent only when set. */
    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    /** Adds stop sequences. */
    public Builder stopSequences(List<String> sequences) {
      sequences.forEach(s -> stopSequences.add(Objects.requireNonNull(s, "stop sequence")));
      return this;
    }

    /** Sets {@code metadata.user_id}, an opaque id of the end user. */
    public Builder userId(String userId) {
      this.metadata = userId == null ? null : new Metadata(userId);
      return this;
    }

    /** Sets {@code stream}; the client sets it itself for streaming calls. */
    public Builder stream(Boolean stream) {
      this.stream = stream;
      return this;
    }

    /** Sets {@code output_config}, for example a JSON schema the answer must follow. */
    public Builder outputConfig(JsonNode outputConfig) {
      this.outputConfig = outputConfig;
      return this;
    }

    /**
     * Returns the request.
     *
     * @throws IllegalStateException if {@code maxTokens} was not set or no message was added: the
     *     API rejects both
     */
    public MessageRequest build() {
      if (maxTokens == null) {
        throw new IllegalStateException(
            "maxTokens is required: the API rejects a request without max_tokens");
      }
      if (messages.isEmpty()) {
        throw new IllegalStateException(
            "at least one message is required: add one with addUserMessage(...)");
      }
      return new MessageRequest(
          model,
          maxTokens,
          system,
          messages,
          temperature,
          topP,
          topK,
          stopSequences,
          metadata,
          stream,
          outputConfig);
    }
  }
}
