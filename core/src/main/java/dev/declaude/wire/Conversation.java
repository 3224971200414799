package dev.declaude.wire;

import dev.declaude.annotation.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The memory of a chat: its turns so far, oldest first. Pass one to a {@code @ClaudePrompt} method
 * as its history parameter and the generated service places the turns before the rendered user
 * message, then, once the call succeeds, appends that user message and the answer, so the next call
 * remembers both.
 *
 * <pre>{@code
 * interface SupportChat {
 *   @ClaudePrompt("{question}")
 *   String reply(Conversation history, String question);
 * }
 * Conversation memory = new Conversation();
 * chat.reply(memory, "My order 123 has not arrived.");
 * chat.reply(memory, "Can you check again?");     // Claude sees the first exchange too
 * }</pre>
 *
 * <p>Thread-safe. A failed call appends nothing. A service whose context policy truncates drops
 * turns from the request it sends, never from the conversation.
 */
public final class Conversation {
  private final List<Message> turns = new ArrayList<>();

  /** Creates an empty conversation. */
  public Conversation() {}

  /** Creates a conversation that starts with these turns. */
  public Conversation(List<Message> turns) {
    turns.forEach(this::add);
  }

  /** Returns the turns so far, oldest first, as an immutable snapshot. */
  public synchronized List<Message> messages() {
    return List.copyOf(turns);
  }

  /** Appends a turn. */
  public synchronized Conversation add(Message turn) {
    turns.add(Objects.requireNonNull(turn, "turn"));
    return this;
  }

  /** Appends a user turn and the assistant's answer to it. */
  public synchronized Conversation addExchange(Message user, Message assistant) {
    if (user.role() != Role.USER || assistant.role() != Role.ASSISTANT) {
      throw new IllegalArgumentException(
          "an exchange is a user turn then an assistant turn, was "
              + user.role()
              + " then "
              + assistant.role());
    }
    turns.add(user);
    turns.add(assistant);
    return this;
  }

  /** Returns the number of turns. */
  public synchronized int size() {
    return turns.size();
  }

  /** Forgets every turn. */
  public synchronized void clear() {
    turns.clear();
  }

  @Override
  public synchronized String toString() {
    return "Conversation[" + turns.size() + " turns]";
  }
}
