package dev.declaude.wire;

import dev.declaude.annotation.Role;
import java.util.List;
import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role who speaks
 * @param content what was said: text or blocks
 */
public record Message(Role role, Content content) {

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** Returns a user turn of plain text. */
  public static Message user(String text) {
    return new Message(Role.USER, Content.of(text));
  }

  /** Returns an assistant turn of plain text. */
  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, Content.of(text));
  }

  /**
   * Returns an assistant turn holding the blocks of a response, so it can be sent back as history.
   */
  public static Message assistant(List<ContentBlock> blocks) {
    return new Message(Role.ASSISTANT, Content.of(blocks));
  }
}
