package dev.declaude.internal.rules;

import dev.declaude.internal.rules.MethodDescription.Kind;

/** Where {@code @ClaudePrompt} may stand, and which methods need it. */
final class PlacementChecks {
  private PlacementChecks() {}

  /** Returns whether the method is one {@code create()} implements, reporting when it is not. */
  static boolean placement(ServiceDescription s, MethodDescription m, Findings f) {
    String why = null;
    if (!s.isInterface()) {
      why =
          s.simpleName()
              + " is a class; declare the method in an interface, which ClaudeClient.create() implements";
    } else if (m.kind() == Kind.DEFAULT) {
      why =
          m.name()
              + " is a default method; remove its body so ClaudeClient.create() can implement it";
    } else if (m.kind() == Kind.STATIC) {
      why = m.name() + " is static; make it an abstract instance method";
    } else if (m.kind() == Kind.CONCRETE) {
      why = m.name() + " has a body; remove it so ClaudeClient.create() can implement the method";
    }
    if (why == null) {
      return true;
    }
    f.add(
        Rule.PROMPT_PLACEMENT,
        m.prompt().annotation(),
        m,
        "@ClaudePrompt belongs on an abstract interface method, but " + why);
    return false;
  }

  /** Every abstract method of an interface that declares Claude calls must be one. */
  static void missing(ServiceDescription s, MethodDescription m, Findings f) {
    if (s.isInterface() && m.kind() == Kind.ABSTRACT && m.prompt() == null) {
      f.add(
          Rule.PROMPT_MISSING,
          m.location(),
          m,
          "abstract method "
              + m.name()
              + " has no @ClaudePrompt, so ClaudeClient.create() cannot implement it;"
              + " annotate it or give it a default body");
    }
  }
}
