package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One content block of a message: {@code text}, or any other type the API defines ({@code image},
 * {@code tool_use}, {@code thinking}, ...).
 *
 * <p>Only {@code type} and {@code text} are modelled; every other field is kept as it came in
 * {@link #fields()} and written back unchanged, so a block of a type this library does not know
 * survives a round trip (an assistant turn sent back as history, for instance). Instances are
 * immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ContentBlock {
  private final String type;
  private final String text;
  // Written only while Jackson builds the block (see putField); read-only to everyone else.
  private final Map<String, JsonNode> fields;

  private ContentBlock(String type, String text, Map<String, JsonNode> fields) {
    this.type = Objects.requireNonNull(type, "type");
    this.text = text;
    this.fields = new LinkedHashMap<>(fields);
  }

  /** Returns a {@code text} block. */
  public static ContentBlock text(String text) {
    return new ContentBlock("text", Objects.requireNonNull(text, "text"), Map.of());
  }

  /** Returns a block of any type with the given fields besides {@code type} and {@code text}. */
  public static ContentBlock of(String type, String text, Map<String, JsonNode> fields) {
    return new ContentBlock(type, text, fields);
  }

  @JsonCreator
  static ContentBlock fromJson(
      @JsonProperty("type") String type, @JsonProperty("text") String text) {
    return new ContentBlock(type == null ? "unknown" : type, text, Map.of());
  }

  /** Returns the block type, such as {@code text} or {@code tool_use}. */
  @JsonProperty("type")
  public String type() {
    return type;
  }

  /** Returns the text of a {@code text} block, or {@code null} for blocks without one. */
  @JsonProperty("text")
  public String text() {
    return text;
  }

  /** Returns whether this is a {@code text} block. */
  public boolean isText() {
    return "text".equals(type);
  }

  /** Returns the block's other fields, as they came. */
  @JsonAnyGetter
  public Map<String, JsonNode> fields() {
    return Collections.unmodifiableMap(fields);
  }

  @JsonAnySetter
  private void putField(String name, JsonNode value) {
    fields.put(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentBlock b
        && type.equals(b.type)
        && Objects.equals(text, b.text)
        && fields.equals(b.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, text, fields);
  }

  @Override
  public String toString() {
    return isText() ? "ContentBlock[text=" + text + "]" : "ContentBlock[type=" + type + "]";
  }
}
