package dev.declaude.internal.rules;

import dev.declaude.annotation.Role;
import java.util.List;

/**
 * The shape of the messages a prompt sends: fixed turns, then (after any history) the rendered user
 * message. Since the user message always comes last, the turns can never form a prefill.
 */
final class MessageChecks {
  private MessageChecks() {}

  static void turns(MethodDescription m, Findings f) {
    List<TurnDescription> turns = m.prompt().turns();
    for (int i = 0; i < turns.size(); i++) {
      TurnDescription t = turns.get(i);
      if (t.text().value().isBlank()) {
        f.add(
            Rule.TURN_BLANK,
            t.text().location(),
            m,
            "turn "
                + (i + 1)
                + " has blank text, which the API rejects; write the turn or remove it");
      }
    }
    if (turns.isEmpty()) {
      return;
    }
    TurnDescription first = turns.get(0);
    if (first.role().value() == Role.ASSISTANT) {
      f.add(
          Rule.TURN_FIRST_ASSISTANT,
          first.role().location(),
          m,
          "the first turn is by the ASSISTANT; some platforms (Amazon Bedrock) reject a conversation that"
              + " does not start with a USER turn; start with a USER turn");
    }
    for (int i = 1; i < turns.size(); i++) {
      Role role = turns.get(i).role().value();
      if (role == turns.get(i - 1).role().value()) {
        f.add(
            Rule.TURN_ALTERNATION,
            turns.get(i).role().location(),
            m,
            "turns "
                + i
                + " and "
                + (i + 1)
                + " are both "
                + role
                + "; the API merges consecutive turns of one"
                + " role into one, so alternate USER and ASSISTANT");
      }
    }
    TurnDescription last = turns.get(turns.size() - 1);
    boolean historyBetween =
        m.parameters().stream().anyMatch(p -> p.role() == ParameterRole.HISTORY);
    if (last.role().value() == Role.USER && !historyBetween) {
      f.add(
          Rule.TURN_ALTERNATION,
          last.role().location(),
          m,
          "the last turn is USER and the rendered user message follows it; the API merges the two into one"
              + " user turn, so end the turns with an ASSISTANT turn");
    }
  }
}
