package dev.declaude.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.declaude.wire.Content;
import dev.declaude.wire.ContentBlock;
import dev.declaude.wire.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextGuardTest {
  private static Message toolUse() {
    return Message.assistant(
        List.of(ContentBlock.of("tool_use", null, Map.of("id", TextNode.valueOf("toolu_1")))));
  }

  private static Message toolResult() {
    return new Message(
        dev.declaude.annotation.Role.USER,
        Content.of(
            List.of(
                ContentBlock.of(
                    "tool_result", null, Map.of("tool_use_id", TextNode.valueOf("toolu_1"))))));
  }

  @Test
  void droppingAUserTurnAlsoDropsItsAnswerAndAnyToolResultsThatWouldBeOrphaned() {
    List<Message> history =
        List.of(
            Message.user("q1"),
            toolUse(),
            toolResult(),
            Message.assistant("a1"),
            Message.user("q2"),
            Message.assistant("a2"));

    assertEquals(4, ContextGuard.endOfOldestUnit(history, 0, history.size()));
    assertEquals(6, ContextGuard.endOfOldestUnit(history, 4, history.size()));
  }

  @Test
  void theUnitNeverReachesPastTheHistory() {
    List<Message> messages =
        List.of(Message.user("q1"), Message.assistant("a1"), Message.user("new question"));

    assertEquals(2, ContextGuard.endOfOldestUnit(messages, 0, 2));
  }
}
