package dev.declaude.internal.rules;

/** The return type and the special parameters. */
final class SignatureChecks {
  private SignatureChecks() {}

  static void returnType(MethodDescription m, Findings f) {
    ReturnType r = m.returnCategory();
    if (r.category() == ReturnType.Category.UNSUPPORTED) {
      f.add(
          Rule.RETURN_TYPE,
          m.location(),
          m,
          "return type "
              + m.returnType().display()
              + " is not supported: "
              + r.reason()
              + "; supported: "
              + ReturnType.SUPPORTED);
    }
  }

  static void specialParameters(MethodDescription m, Findings f) {
    int histories = 0;
    int callbacks = 0;
    for (ParameterDescription p : m.parameters()) {
      if (p.role() == ParameterRole.HISTORY && ++histories > 1) {
        f.add(
            Rule.HISTORY_DUPLICATE,
            p.location(),
            m,
            "parameter "
                + p.label()
                + " is a second conversation history; a method takes at most one"
                + " List<Message> or Conversation parameter");
      }
      if (p.role() == ParameterRole.CALLBACK && ++callbacks > 1) {
        f.add(
            Rule.CALLBACK_DUPLICATE,
            p.location(),
            m,
            "parameter "
                + p.label()
                + " is a second streaming callback; a method takes at most one"
                + " Consumer<String> parameter");
      }
    }
  }
}
