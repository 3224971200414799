package dev.declaude.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The content of a message or of the system prompt: either plain text (sent as a JSON string) or a
 * list of content blocks (sent as a JSON array), exactly as the API accepts both.
 */
public final class Content {
  private final String text;
  private final List<ContentBlock> blocks;

  private Content(String text, List<ContentBlock> blocks) {
    this.text = text;
    this.blocks = blocks;
  }

  /** Returns content that is plain text. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Content of(String text) {
    return new Content(Objects.requireNonNull(text, "text"), null);
  }

  /** Returns content made of blocks. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Content of(List<ContentBlock> blocks) {
    return new Content(null, List.copyOf(blocks));
  }

  /** Returns whether this content is a plain string rather than a list of blocks. */
  public boolean isText() {
    return text != null;
  }

  /** Returns the content as blocks; plain text is one {@code text} block. */
  public List<ContentBlock> blocks() {
    return text != null ? List.of(ContentBlock.text(text)) : blocks;
  }

  /** Returns the text of every {@code text} block, joined. */
  public String text() {
    if (text != null) {
      return text;
    }
    return blocks.stream()
        .filter(ContentBlock::isText)
        .map(ContentBlock::text)
        .collect(Collectors.joining());
  }

  @JsonValue
  Object json() {
    return text != null ? text : blocks;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Content c
        && Objects.equals(text, c.text)
        && Objects.equals(blocks, c.blocks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, blocks);
  }

  @Override
  public String toString() {
    return text != null ? "Content[" + text + "]" : "Content" + blocks;
  }
}
