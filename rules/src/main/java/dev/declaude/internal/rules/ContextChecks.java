package dev.declaude.internal.rules;

/**
 * A method's {@code @ContextPolicy}: a margin that makes sense, on a model whose window is known.
 */
final class ContextChecks {
  private ContextChecks() {}

  /**
   * Checks the policy in force for {@code m}: its own, else its type's ({@code type}); either may
   * be null.
   */
  static void context(
      ContextDescription own, ContextDescription type, MethodDescription m, Findings f) {
    ContextDescription c = own != null ? own : type;
    if (c == null) {
      return;
    }
    int margin = c.marginTokens().value();
    if (margin < 0) {
      f.add(
          Rule.CONTEXT_MARGIN,
          c.marginTokens().location(),
          m,
          "marginTokens is "
              + margin
              + " but must be 0 or more: it is room kept free for the estimate's error");
    }
    String explicit = m.prompt().model().value();
    String model = explicit.isEmpty() ? f.defaultModel : explicit;
    if (f.catalogue.find(model).isEmpty()) {
      f.add(
          Rule.CONTEXT_WINDOW_UNKNOWN,
          c.annotation(),
          m,
          "@ContextPolicy needs the model's context window, but "
              + model
              + " is not in declaude's model"
              + " catalogue, so nothing would be checked; name a catalogued model, or remove the policy and let"
              + " the API judge");
    }
  }
}
